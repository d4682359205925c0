/**
 * The DJL engine behind the engine-neutral lottery-ticket driver: {@link dev.jackpot.nn.lottery.DjlTicketTrainer}
 * adapts {@link dev.jackpot.nn.train.MaskedTrainer} to {@link dev.jackpot.prune.TicketTrainer}
 * (weak-lth.md sections 2-3).
 */
package dev.jackpot.nn.lottery;
