package dev.jackpot.nn.strong;

import dev.jackpot.experiment.RunId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The experiment-1 spec: validation with full-sentence messages, n, YAML round trip and run ids. */
class PensiaExp1SpecTest {

    private static final PensiaExp1Spec D = PensiaExp1Spec.defaults();

    @Test
    void defaultsAreThePapersSetting() {
        assertEquals(21, D.n());
        assertEquals(500, D.hidden());
        assertEquals(0.01, D.eps());
        assertEquals(9, new PensiaExp1Spec(1, 0.1, 3, 20, 1, 300, 0, 1e-3, 64, "", 0).n());
    }

    @Test
    void impossibleValuesAreRejectedWithTheirValue() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new PensiaExp1Spec(1, 1.5, 3, 500, 3, 0, 0, 1e-3, 64, "", 0)).getMessage();
        assertTrue(m.contains("1.5"), m);
        assertThrows(IllegalArgumentException.class, () -> new PensiaExp1Spec(1, 0.01, 0, 500, 3, 0, 0, 1e-3, 64, "", 0));
        assertThrows(IllegalArgumentException.class, () -> new PensiaExp1Spec(1, 1e-4, 3, 500, 3, 0, 0, 1e-3, 64, "", 0));
        assertThrows(IllegalArgumentException.class, () -> new PensiaExp1Spec(1, 0.01, 3, 0, 3, 0, 0, 1e-3, 64, "", 0));
        assertThrows(IllegalArgumentException.class, () -> new PensiaExp1Spec(1, 0.01, 3, 500, 0, 0, 0, 1e-3, 64, "", 0));
        assertThrows(IllegalArgumentException.class, () -> new PensiaExp1Spec(1, 0.01, 3, 500, 3, -1, 0, 1e-3, 64, "", 0));
        assertThrows(IllegalArgumentException.class,
                () -> new PensiaExp1Spec(1, 0.01, 3, 500, 3, 0, 0, Double.NaN, 64, "", 0));
        assertThrows(IllegalArgumentException.class, () -> new PensiaExp1Spec(1, 0.01, 3, 500, 3, 0, 0, 1e-3, 0, "", 0));
    }

    @Test
    void yamlRoundTripsAndIdsFollowTheSpec() {
        PensiaExp1Spec s = new PensiaExp1Spec(7, 0.05, 2, 20, 1, 300, 200, 1e-3, 32, "", 0);
        assertEquals(s, PensiaExp1Spec.CODEC.parseYaml(PensiaExp1Spec.CODEC.toYaml(s)));
        assertEquals(D, PensiaExp1Spec.CODEC.parseYaml("{}"));
        String base = id(D);
        assertTrue(base.startsWith(PensiaExp1Spec.KIND + "-"), base);
        // pinned: the README's measured run (the default spec) keeps its id
        assertEquals("strong-pensia-exp1-44136fa355b3678a", base);
        assertNotEquals(base, id(s));
        assertEquals(id(s), id(new PensiaExp1Spec(7, 0.05, 2, 20, 1, 300, 200, 1e-3, 32, null, 0)));
        // redraws enter the id only when used, so runs made before the field existed keep theirs
        assertNotEquals(id(s), id(new PensiaExp1Spec(7, 0.05, 2, 20, 1, 300, 200, 1e-3, 32, "", 3)));
        assertThrows(IllegalArgumentException.class, () -> new PensiaExp1Spec(7, 0.05, 2, 20, 1, 300, 200, 1e-3, 32, "", -1));
    }

    private static String id(PensiaExp1Spec s) {
        return RunId.of(PensiaExp1Spec.KIND, PensiaExp1Spec.CODEC.toTree(s), PensiaExp1Spec.CODEC.toTree(D)).toString();
    }
}
