/**
 * Weak lottery tickets on real data (Frankle and Carbin, ICLR 2019; weak-lth.md):
 * {@link dev.jackpot.nn.lottery.LotterySpec} and its presets, {@link dev.jackpot.nn.lottery.Lottery} running IMP
 * replicates through the engine-neutral {@link dev.jackpot.prune.ImpRunner}, with
 * {@link dev.jackpot.nn.lottery.DjlTicketTrainer} adapting {@link dev.jackpot.nn.train.MaskedTrainer} to
 * {@link dev.jackpot.prune.TicketTrainer}; {@link dev.jackpot.nn.lottery.SampleSizeStudy} and
 * {@link dev.jackpot.nn.lottery.LotteryReport}.
 */
package dev.jackpot.nn.lottery;
