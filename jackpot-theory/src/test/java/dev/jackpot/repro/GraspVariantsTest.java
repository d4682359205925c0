package dev.jackpot.repro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraspVariantsTest {

    @Test
    void everyVariantAndRatioIsMeasuredOnTheSameTrialsWhateverTheThreads(@TempDir Path root) throws Exception {
        List<GraspVariants.Row> one = GraspVariants.run(3, 5, root, 1);
        assertEquals(GraspVariants.variants().size() * GraspVariants.RATIOS.length, one.size());
        List<GraspVariants.Row> two = GraspVariants.run(3, 5, root, 2);
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i).accuracy(), two.get(i).accuracy(), 0.0, "thread count changes nothing");
        }
        Path dir = root.resolve(GraspVariants.id(3, 5).toString());
        for (String f : List.of("report.html", "result.json", "spec.yaml", "plots/mask-accuracy.png")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        GraspVariants.Row r = one.get(0);
        assertTrue(r.quantile(0) <= r.quantile(0.5) && r.quantile(0.5) <= r.quantile(1));
        assertTrue(r.inWindow() >= 0 && r.inWindow() <= 1);
    }
}
