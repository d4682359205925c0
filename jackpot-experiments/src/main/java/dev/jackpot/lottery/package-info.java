/**
 * Weak lottery tickets on real data (Frankle and Carbin, ICLR 2019; weak-lth.md): {@link dev.jackpot.lottery.LotterySpec}
 * and its presets, {@link dev.jackpot.lottery.Lottery} running IMP replicates on the DJL engine through the
 * engine-neutral {@link dev.jackpot.prune.ImpRunner}, and {@link dev.jackpot.lottery.LotteryReport}.
 */
package dev.jackpot.lottery;
