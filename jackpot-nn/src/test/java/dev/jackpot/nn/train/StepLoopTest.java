package dev.jackpot.nn.train;

import dev.jackpot.nn.data.EpochOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepLoopTest {

    private static final TrainSpec SPEC = TrainSpec.sgd(0.1, 4, 3, 77).withCosineSchedule();
    private static final int N = 10;

    /** Records what each step saw, as "t lo hi lr firstIndex". */
    private static List<String> record(long from, long to, StepLoop loop, List<String> epochs) {
        List<String> seen = new ArrayList<>();
        loop.run(from, to, (t, order, lo, hi, lr) -> {
            seen.add(t + " " + lo + " " + hi + " " + lr + " " + order[lo]);
            return t + 1.0;
        }, new StepLoop.Observer() {
            @Override
            public void afterEpoch(int epoch, long completed, double lr, double meanLoss) {
                epochs.add(epoch + " " + completed + " " + meanLoss);
            }
        });
        return seen;
    }

    @Test
    void batchesFollowTheEpochPermutationAndEpochsEndOnTheLastStep() {
        StepLoop loop = new StepLoop(SPEC, N, SPEC.totalSteps(N));
        assertEquals(3, loop.iterationsPerEpoch());
        List<String> epochs = new ArrayList<>();
        List<String> seen = record(0, 9, loop, epochs);
        assertEquals(9, seen.size());
        int[] order1 = EpochOrder.permutation(77, 1, N);
        // Step 5 is the last, short batch [8, 10) of epoch 1.
        String[] s5 = seen.get(5).split(" ");
        assertEquals("8", s5[1]);
        assertEquals("10", s5[2]);
        assertEquals(Integer.toString(order1[8]), s5[4]);
        LrSchedule schedule = new LrSchedule(SPEC, 9);
        assertEquals(schedule.at(5), Double.parseDouble(s5[3]));
        // Epoch means of the losses t + 1: (1+2+3)/3, (4+5+6)/3, (7+8+9)/3.
        assertEquals(List.of("0 3 2.0", "1 6 5.0", "2 9 8.0"), epochs);
    }

    @Test
    void aRunFromStepKSeesWhatTheRunFromZeroSawAndEndsAnEpochAtItsStop() {
        StepLoop loop = new StepLoop(SPEC, N, SPEC.totalSteps(N));
        List<String> all = record(0, 9, loop, new ArrayList<>());
        List<String> epochs = new ArrayList<>();
        assertEquals(all.subList(4, 7), record(4, 7, loop, epochs));
        // Steps 4, 5 finish epoch 1 (mean of 5, 6); step 6 alone ends the run.
        assertEquals(List.of("1 6 5.5", "2 7 7.0"), epochs);
    }

    @Test
    void aNonFiniteLossStopsTheLoopBeforeCountingTheStep() {
        StepLoop loop = new StepLoop(SPEC, N, SPEC.totalSteps(N));
        long[] afterSteps = {0};
        StepLoop.Outcome o = loop.run(0, 9, (t, order, lo, hi, lr) -> t == 4 ? Double.NaN : 1.0,
                new StepLoop.Observer() {
                    @Override
                    public void afterStep(long completed, long total, double loss) {
                        afterSteps[0] = completed;
                        assertTrue(Double.isFinite(loss));
                    }
                });
        assertEquals(4, o.completed());
        assertEquals(4, o.diverged().getAsLong());
        assertEquals(4, afterSteps[0]);
        StepLoop.Outcome fine = loop.run(0, 9, (t, order, lo, hi, lr) -> 0.5, new StepLoop.Observer() {
        });
        assertEquals(9, fine.completed());
        assertTrue(fine.diverged().isEmpty());
    }
}
