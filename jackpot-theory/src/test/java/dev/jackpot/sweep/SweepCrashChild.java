package dev.jackpot.sweep;

import dev.jackpot.jobs.SweepListener;
import dev.jackpot.store.TrialRow;

import java.nio.file.Path;

/**
 * Test helper run in a child JVM by {@link SweepCrashTest}: runs {@link SweepCrashTest#SWEEP} into
 * the directory given as the first argument, printing each recorded trial's key as soon as it is
 * committed, until killed.
 */
public final class SweepCrashChild {

    private SweepCrashChild() {
    }

    /**
     * @param args the runs directory
     * @throws Exception if the sweep fails
     */
    public static void main(String[] args) throws Exception {
        new SweepRunner().run("sweep", SweepCrashTest.SWEEP, Path.of(args[0]), 2, new SweepListener() {
            @Override
            public void onTrial(TrialRow row, int done) {
                System.out.println("DONE " + row.key());
                System.out.flush();
            }
        });
    }
}
