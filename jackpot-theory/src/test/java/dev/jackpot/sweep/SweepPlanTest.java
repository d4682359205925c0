package dev.jackpot.sweep;

import dev.jackpot.experiment.SpecException;
import dev.jackpot.teacher.OverlapMode;
import dev.jackpot.teacher.TeacherTrialSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepPlanTest {

    private static final TeacherTrialSpec BASE = TeacherTrialSpec.defaults(3, 30, 200, 5, 1);

    @Test
    void cellsAreTheCartesianProductFirstAxisSlowest() {
        SweepPlan plan = new SweepPlan(SweepSpec.of(BASE, 2, Axis.of("teacher.r", 4, 6),
                new Axis("n", null, new Axis.Range(100, 300, 100))));
        assertEquals(6, plan.cells().size());
        assertEquals(12, plan.totalTrials());
        SweepPlan.Cell c = plan.cells().get(4);
        assertEquals(Map.of("teacher.r", 6L, "n", 200L), c.coordinates());
        assertEquals(6, c.spec().teacher().r());
        assertEquals(200, c.spec().n());
        assertEquals("c4-t1", SweepPlan.key(4, 1));
        assertNotEquals(plan.seed(c, 0), plan.seed(c, 1));
        assertNotEquals(plan.seed(plan.cells().get(0), 0), plan.seed(c, 0));
        assertEquals(plan.seed(c, 1), plan.trialSpec(c, 1).seed());
    }

    @Test
    void objectValuesSetSeveralFieldsAndAreLabelled() {
        Map<String, Object> groups = new LinkedHashMap<>();
        groups.put("label", "two groups");
        groups.put("teacher.overlap", "groups");
        groups.put("teacher.groups", 2);
        SweepPlan plan = new SweepPlan(SweepSpec.of(TeacherTrialSpec.defaults(4, 40, 200, 5, 1), 1,
                new Axis("architecture", List.of(groups), null)));
        SweepPlan.Cell c = plan.cells().get(0);
        assertEquals("two groups", c.coordinates().get("architecture"));
        assertEquals(OverlapMode.GROUPS, c.spec().teacher().overlap());
        assertEquals(2, c.spec().teacher().groups());
    }

    @Test
    void rangesExpandExactly() {
        assertEquals(List.of(0.05, 0.1, 0.15, 0.2), new Axis("init.lambda", null, new Axis.Range(0.05, 0.2, 0.05)).values());
        assertEquals(List.of(10L, 20L, 30L), new Axis("n", null, new Axis.Range(10, 30, 10)).values());
    }

    @Test
    void badAxesFailBeforeAnythingRunsNamingTheProblem() {
        SpecException unknown = assertThrows(SpecException.class,
                () -> new SweepPlan(SweepSpec.of(BASE, 1, Axis.of("teacher.q", 1))));
        assertTrue(unknown.getMessage().contains("teacher.q"), unknown.getMessage());
        SpecException invalid = assertThrows(SpecException.class,
                () -> new SweepPlan(SweepSpec.of(BASE, 1, Axis.of("teacher.r", 5, 31))));
        assertTrue(invalid.getMessage().contains("31") && invalid.getMessage().contains("teacher.r=31"), invalid.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.of(BASE, 0, Axis.of("n", 100)));
        assertThrows(IllegalArgumentException.class, () -> new Axis("n", List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.of(BASE, 1, Axis.of("n", 1), Axis.of("n", 2)));
    }

    @Test
    void sweepSpecsLoadFromYaml() {
        SweepSpec s = SweepCodec.CODEC.parseYaml("""
                seed: 9
                base: {teacher: {K: 3, d: 30, r: 5}, n: 200}
                axes:
                  - {name: teacher.r, values: [4, 6]}
                  - {name: n, range: {from: 100, to: 300, step: 100}}
                trials: 2
                procedure: rate
                """);
        assertEquals(9, s.seed());
        assertEquals(Procedure.RATE, s.procedure());
        assertEquals(6, s.cells());
        assertEquals(3, s.base().teacher().k());
        assertEquals(s, SweepCodec.CODEC.parseYaml(SweepCodec.CODEC.toYaml(s)));
    }
}
