package dev.jackpot.nn.pai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.model.Architecture;
import dev.jackpot.report.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaiSanityTest {

    private static PaiSanitySpec spec(List<PaiMethod> methods, List<Double> densities, int replicates) {
        return new PaiSanitySpec(methods, densities, replicates, Architecture.parse("lenet-300-100"), 120, 60, 1, true,
                "fashion-mnist", "", 3, 0.5);
    }

    @Test
    void everyCellTrainsTheFourVariantsAndAResumedStudyComputesNothing(@TempDir Path root) throws Exception {
        PaiSanitySpec spec = spec(List.of(PaiMethod.MAGNITUDE, PaiMethod.SNIP), List.of(0.2, 0.05), 2);
        PaiSanity.Result r = PaiSanity.run(spec, root, Compute.cpu(1), PaiSanity.Listener.NONE);
        assertEquals(8, r.cells().size());
        assertEquals(8, r.computed());
        assertEquals(4, r.claims().size());
        for (PaiSanity.Cell c : r.cells()) {
            assertEquals(PaiSanitySpec.VARIANTS, List.copyOf(c.accuracy().keySet()));
            c.accuracy().values().forEach(a -> assertTrue(a >= 0 && a <= 1, c.toString()));
            JsonNode cell = SpecCodec.json().readTree(Path.of(c.runDir(), "result.json").toFile());
            // the inverted mask keeps the same count; below density 0.5 it shares no weight with the mask found
            assertEquals(cell.get("achievedDensity").asDouble(), cell.get("invert").get("density").asDouble(), 1e-12);
            assertEquals(0.0, cell.get("invert").get("overlap").asDouble(), 0.0);
            assertTrue(cell.get("shuffle").get("overlap").asDouble() < 0.5, "a shuffle is a different mask");
        }
        Path dir = r.layout().dir();
        for (String f : List.of("report.html", "report.md", "result.json", "spec.yaml", "plots/sanity-snip.png")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        JsonNode result = SpecCodec.json().readTree(dir.resolve("result.json").toFile());
        assertEquals(8, result.get("cells").size());
        assertTrue(result.get("claims").get(0).has("status"));

        PaiSanity.Result again = PaiSanity.run(spec, root, Compute.cpu(1), PaiSanity.Listener.NONE);
        assertEquals(0, again.computed());
        assertEquals(r.cells(), again.cells(), "found again, bit for bit");
        // another margin re-judges the same study
        PaiSanitySpec wide = new PaiSanitySpec(spec.methods(), spec.densities(), 2, spec.architecture(), 120, 60, 1, true,
                "fashion-mnist", "", 3, 50);
        assertEquals(PaiSanity.id(spec), PaiSanity.id(wide));
        assertEquals(0, PaiSanity.run(wide, root, Compute.cpu(1), PaiSanity.Listener.NONE).computed());
    }

    private static PaiSanity.Cell cell(int r, double found, double shuffle, double reinit) {
        Map<String, Double> a = new LinkedHashMap<>();
        a.put("found", found);
        a.put("shuffle", shuffle);
        a.put("reinit", reinit);
        a.put("invert", 0.1);
        return new PaiSanity.Cell(PaiMethod.SNIP, 0.1, r, "d", a);
    }

    @Test
    void claimsFollowThePairedIntervals() {
        PaiSanitySpec spec = spec(List.of(PaiMethod.SNIP), List.of(0.1), 4);
        List<PaiSanity.Cell> cells = new ArrayList<>();
        double[] found = {0.80, 0.82, 0.81, 0.83};
        double[] wobble = {0.0005, -0.0005, 0.0003, -0.0003};
        for (int r = 0; r < 4; r++) {
            cells.add(cell(r, found[r], found[r] + wobble[r], found[r] - 0.05 + wobble[r]));
        }
        List<Claim> claims = PaiSanity.claims(spec, cells);
        assertEquals(Claim.Status.REPRODUCED, claims.get(0).status(), claims.get(0).detail());
        assertEquals(Claim.Status.NOT_REPRODUCED, claims.get(1).status(), claims.get(1).detail());
        assertTrue(claims.get(1).detail().contains("worse"), claims.get(1).detail());
        List<Claim> one = PaiSanity.claims(spec(List.of(PaiMethod.SNIP), List.of(0.1), 1), cells.subList(0, 1));
        assertEquals(Claim.Status.INCONCLUSIVE, one.get(0).status());
    }

    @Test
    void impossibleStudiesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> spec(List.of(), List.of(0.1), 1));
        assertThrows(IllegalArgumentException.class, () -> spec(List.of(PaiMethod.SNIP), List.of(0.1, 0.1), 1));
        assertThrows(IllegalArgumentException.class, () -> spec(List.of(PaiMethod.SNIP), List.of(1.5), 1));
        assertThrows(IllegalArgumentException.class, () -> spec(List.of(PaiMethod.SNIP), List.of(0.1), 0));
        assertNotEquals(PaiSanity.id(spec(List.of(PaiMethod.SNIP), List.of(0.1), 2)),
                PaiSanity.id(spec(List.of(PaiMethod.SNIP), List.of(0.1), 3)));
    }
}
