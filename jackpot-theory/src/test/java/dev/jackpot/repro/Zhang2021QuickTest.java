package dev.jackpot.repro;

import dev.jackpot.jobs.SweepListener;
import dev.jackpot.report.Claim;
import dev.jackpot.sweep.SweepRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every available figure at quick scale and asserts each claim's outcome against an explicit
 * expectation: the claims listed in {@link #EXPECTED_NOT_REPRODUCED} must come out NOT reproduced,
 * every other claim must be reproduced. The claims are checked from the rows, never tuned: a listed
 * claim is one the data of a faithful run does not support, with the numbers below (also in the
 * README's table of figures). A change that makes a listed claim pass fails this test too, so the
 * list and the README stay true.
 */
class Zhang2021QuickTest {

    /**
     * Figure to the claims expected NOT to be reproduced at quick scale, with the numbers measured.
     */
    static final Map<Integer, Set<String>> EXPECTED_NOT_REPRODUCED = Map.of(
            // GraSP masks (the paper's setting): mask accuracy 0.46 to 0.53 on average (range 0.31 to
            // 0.63), far below the paper's 0.72 to 0.99. At equal accuracy the larger ratio had the lower
            // mean test error in only 14 of 40 comparisons (0.35); all errors are about 0.26 to 0.37.
            // Magnitude variant: accuracy 0.94 to 0.97; at 40% and 50% (300 and 250 weights kept for
            // N = 200 samples) the test error is flat at about 0.05 whatever the accuracy (slopes of
            // log10 error against accuracy +0.17 and +0.25), so "error falls with accuracy" fails there.
            // GraSP |S| variant (accuracy 0.84-0.94 on average): the error falls steeply with accuracy (slope of
            // log10 error -1.54, reproduced), but the larger ratio has the lower error in only 11 of 19 comparisons.
            7, Set.of("At fixed mask accuracy, the test error decreases as the pruning ratio increases",
                    MaskTrials.VARIANT + "The test error decreases as the mask accuracy increases",
                    MaskTrials.ABS_VARIANT + "At fixed mask accuracy, the test error decreases as the pruning ratio "
                            + "increases"),
            // GraSP: 0 of 80 trials have mask accuracy in [0.85, 0.90] (0 of 240 at ratios 0.1 to 0.7
            // in a separate 40-trial check), so there is nothing to average. Magnitude variant (all
            // trials, accuracy 0.94 to 0.97): the test error plateaus at 1e-2 to 5e-2 at N = 200; no
            // trial reaches 1e-3 and 1e-2 is reached only by a few trials at 70%, so neither the
            // linear growth in log(1/target) nor the ordering by ratio can be measured (design note,
            // errata 10: Fig. 7's plateau at about 1e-2 contradicts Fig. 8's 1e-6).
            // GraSP |S| variant: at quick scale as few as 1 trial per ratio falls in [0.85, 0.90] (at least 2 are
            // needed), so neither claim can be measured here; the variant populates the window in 37-66% of trials
            // (reproduce zhang2021-grasp), so paper scale's 1000 trials per ratio can.
            8, Set.of("The iterations needed grow linearly in log(1/target): the test error converges linearly",
                    "Algorithm 1 needs fewer iterations with a larger pruning ratio",
                    MaskTrials.VARIANT + "The iterations needed grow linearly in log(1/target): the test error "
                            + "converges linearly",
                    MaskTrials.VARIANT + "Algorithm 1 needs fewer iterations with a larger pruning ratio",
                    MaskTrials.ABS_VARIANT + "The iterations needed grow linearly in log(1/target): the test error "
                            + "converges linearly",
                    MaskTrials.ABS_VARIANT + "Algorithm 1 needs fewer iterations with a larger pruning ratio"),
            // GraSP: 0 of 120 trials (N = 30 to 250) have mask accuracy in [0.85, 0.90]. The magnitude
            // variant's two claims are reproduced, at the level 0.048 (no curve reaches 1e-3).
            // GraSP |S| variant: the same at quick scale (at most 3 values of N with 2 in-window trials at 50% and 70%,
            // none at 10% and 30%).
            9, Set.of("The test error decreases as N increases",
                    "A larger pruning ratio needs fewer samples to reach the same test error",
                    MaskTrials.ABS_VARIANT + "The test error decreases as N increases",
                    MaskTrials.ABS_VARIANT + "A larger pruning ratio needs fewer samples to reach the same test error"));

    static List<Integer> figures() {
        return Zhang2021.figures();
    }

    @ParameterizedTest(name = "figure {0}")
    @MethodSource("figures")
    void quickScaleClaimsComeOutAsExpected(int figure, @TempDir Path root) throws Exception {
        Zhang2021.FigureRun run = Zhang2021.run(figure, Scale.QUICK, root, 2, new SweepRunner(), SweepListener.NONE);
        assertTrue(run.complete());
        assertFalse(run.claims().isEmpty());
        Set<String> expectedNot = EXPECTED_NOT_REPRODUCED.getOrDefault(figure, Set.of());
        Set<String> seen = new HashSet<>();
        for (Claim c : run.claims()) {
            seen.add(c.claim());
            // Exact statuses: a slope claim whose interval came to contain 0 (inconclusive) fails too.
            Claim.Status expected = expectedNot.contains(c.claim()) ? Claim.Status.NOT_REPRODUCED
                    : Claim.Status.REPRODUCED;
            assertEquals(expected, c.status(), "figure " + figure + ": '" + c.claim() + "' expected "
                    + expected.label() + " but was " + c.status().label() + ": " + c.statistic() + " = " + c.value()
                    + "; " + c.detail());
        }
        for (String claim : expectedNot) {
            assertTrue(seen.contains(claim), "figure " + figure + " has no claim '" + claim + "'");
        }
        assertTrue(Files.size(run.layout().dir().resolve("report.html")) > 1000);
        assertTrue(Files.exists(run.layout().dir().resolve("report.md")));
        try (var plots = Files.list(run.layout().plots())) {
            assertTrue(plots.anyMatch(p -> p.toString().endsWith(".svg")));
        }
    }
}
