package dev.jackpot.nn.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jackpot.report.Claim;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleSizeStudyTest {

    /** Three replicates at acc - 0.002, acc, acc + 0.002 (sample std 0.002). */
    private static SampleSizeStudy.Point p(int n, int level, double density, double acc) {
        return new SampleSizeStudy.Point(n, level, density, acc, 0.002, new double[] {acc - 0.002, acc, acc + 0.002});
    }

    @Test
    void oneReplicateDecidesNothingAndAnOverlapIsInconclusive() {
        List<SampleSizeStudy.Point> one = List.of(
                new SampleSizeStudy.Point(100, 0, 1.0, 0.70, Double.NaN, new double[] {0.70}),
                new SampleSizeStudy.Point(100, 1, 0.8, 0.74, Double.NaN, new double[] {0.74}),
                new SampleSizeStudy.Point(300, 0, 1.0, 0.72, Double.NaN, new double[] {0.72}),
                new SampleSizeStudy.Point(300, 1, 0.8, 0.75, Double.NaN, new double[] {0.75}));
        List<Claim> claims = SampleSizeStudy.claims(List.of(100, 300), one);
        assertEquals(Claim.Status.INCONCLUSIVE, claims.get(0).status(), claims.get(0).detail());
        assertTrue(claims.get(0).detail().contains("one replicate gives no interval"), claims.get(0).detail());
        assertEquals(Claim.Status.INCONCLUSIVE, claims.get(1).status(), claims.get(1).detail());
        // a 0.1-point edge whose replicates disagree by 0.4 points is not decided by three of them
        SampleSizeStudy.Point reversed = new SampleSizeStudy.Point(100, 1, 0.8, 0.701, 0.002,
                new double[] {0.703, 0.701, 0.699});
        List<Claim> close = SampleSizeStudy.claims(List.of(100, 300), List.of(
                p(100, 0, 1.0, 0.700), reversed, p(300, 0, 1.0, 0.720), p(300, 1, 0.8, 0.730)));
        assertEquals(Claim.Status.INCONCLUSIVE, close.get(1).status(), close.get(1).detail());
    }

    @Test
    void marginIsTheBestPrunedSmallNAgainstDenseLargerN() {
        List<SampleSizeStudy.Point> points = List.of(
                p(100, 0, 1.0, 0.70), p(100, 1, 0.8, 0.74), p(100, 2, 0.64, 0.73),
                p(300, 0, 1.0, 0.72), p(300, 1, 0.8, 0.71), p(300, 2, 0.64, 0.75));
        List<Claim> claims = SampleSizeStudy.claims(List.of(100, 300), points);
        assertTrue(claims.get(0).reproduced());
        assertEquals(2.0, claims.get(0).value(), 1e-9, "0.74 at N=100 pruned against 0.72 dense at N=300");
        assertTrue(claims.get(1).reproduced(), "both sizes improve");
        assertEquals(2, claims.get(1).value());
    }

    @Test
    void notReproducedWhenDenseOnMoreDataWins() {
        List<SampleSizeStudy.Point> points = List.of(
                p(100, 0, 1.0, 0.70), p(100, 1, 0.8, 0.69),
                p(300, 0, 1.0, 0.80), p(300, 1, 0.8, 0.81));
        List<Claim> claims = SampleSizeStudy.claims(List.of(100, 300), points);
        assertFalse(claims.get(0).reproduced());
        assertEquals(-11.0, claims.get(0).value(), 1e-9);
        assertFalse(claims.get(1).reproduced());
        assertEquals(1, claims.get(1).value());
    }

    @Test
    void sizesAreValidatedAndPartOfTheRunId() {
        LotterySpec base = LotterySpec.lenet300Fashion();
        var e = assertThrows(IllegalArgumentException.class,
                () -> SampleSizeStudy.run(base, List.of(300, 100), Path.of("unused"), null, LotteryListener.NONE));
        assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SampleSizeStudy.run(base, List.of(300), Path.of("unused"), null, LotteryListener.NONE));
        assertNotEquals(SampleSizeStudy.id(base, List.of(100, 300)), SampleSizeStudy.id(base, List.of(100, 400)));
        assertEquals(SampleSizeStudy.id(base, List.of(100, 300)), SampleSizeStudy.id(base, List.of(100, 300)));
        assertTrue(SampleSizeStudy.id(base, List.of(100, 300)).toString().startsWith("lottery-sizes-"));
        // pinned: the id this study had before LotterySpec gained optimizerAtRewind, counting, augment and
        // validation (each left out of the hash at its default)
        assertEquals("lottery-sizes-7e5318f5052794ce", SampleSizeStudy.id(base, List.of(100, 300)).toString());
        // the margin only judges: another margin is the same study
        assertEquals(SampleSizeStudy.id(base, List.of(100, 300)),
                SampleSizeStudy.id(base.toBuilder().margin(2).build(), List.of(100, 300)));
        // the README's LeNet-5 study, as run before those fields existed
        LotterySpec lenet5 = new dev.jackpot.experiment.SpecCodec<>(LotterySpec.class, base)
                .parseYaml("model: lenet-5\nlevels: 8\nreplicates: 3\n");
        assertEquals("lottery-sizes-cb0a9e321226f64a",
                SampleSizeStudy.id(lenet5, List.of(1500, 2000, 2500, 3000, 4000)).toString());
        assertNotEquals(SampleSizeStudy.id(base, List.of(100, 300)),
                SampleSizeStudy.id(base.toBuilder().validation(50).build(), List.of(100, 300)));
        assertNotEquals(SampleSizeStudy.id(base, List.of(100, 300)),
                SampleSizeStudy.id(base.toBuilder().augment(dev.jackpot.nn.data.Augmentation.FLIP_CROP).build(), List.of(100, 300)));
    }
}
