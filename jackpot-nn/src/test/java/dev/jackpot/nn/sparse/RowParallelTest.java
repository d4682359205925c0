package dev.jackpot.nn.sparse;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RowParallelTest {

    @Test
    void everyRowRunsExactlyOnceAcrossManyQuickHandOffs() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int threads = 1; threads <= 4; threads++) {
            try (RowParallel parallel = new RowParallel(threads)) {
                for (int round = 0; round < 3_000; round++) {
                    int n = 1 + rng.nextInt(40);
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    long work = rng.nextBoolean() ? RowParallel.MIN_WORK : 0;
                    parallel.run(n, work, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertEquals(1, hits.get(i), "row " + i + " of " + n + ", " + threads + " threads, round " + round);
                    }
                }
            }
        }
    }

    @Test
    void aFailureInAnyPartReachesTheCallerAndTheNextRangeStillRuns() {
        try (RowParallel parallel = new RowParallel(3)) {
            IllegalStateException boom = new IllegalStateException("boom");
            for (int failing = 0; failing < 3; failing++) {
                int f = failing;
                // three parts of 30 rows: rows 0-9 run on the caller, 10-19 and 20-29 on the workers
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> parallel.run(30, RowParallel.MIN_WORK,
                        (from, to) -> {
                            if (from == 10 * f) {
                                throw boom;
                            }
                        }));
                assertSame(boom, e);
                AtomicIntegerArray hits = new AtomicIntegerArray(30);
                parallel.run(30, RowParallel.MIN_WORK, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < 30; i++) {
                    assertEquals(1, hits.get(i));
                }
            }
        }
    }

    @Test
    void closeStopsTheWorkers() throws InterruptedException {
        RowParallel parallel = new RowParallel(3);
        parallel.run(10, RowParallel.MIN_WORK, (from, to) -> { });
        parallel.close();
        long deadline = System.nanoTime() + 5_000_000_000L;
        boolean alive = true;
        while (alive && System.nanoTime() < deadline) {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith("jackpot-sparse-") && t.isAlive());
            Thread.sleep(10);
        }
        assertFalse(alive, "sparse workers still running after close");
    }
}
