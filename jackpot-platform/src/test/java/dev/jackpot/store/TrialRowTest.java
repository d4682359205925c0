package dev.jackpot.store;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialRowTest {

    private static LinkedHashMap<String, Object> map(Object... kv) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void narrowNumbersAreNormalisedAndMapsKeepTheirOrder() {
        TrialRow row = TrialRow.ok("c0-t0", 0, 0, 1, map("z", 3, "a", 2.5f, "m", "grasp"),
                map("b", (short) 1, "a", (byte) 2, "ok", true), 0.5);
        assertEquals(List.of("z", "a", "m"), List.copyOf(row.coordinates().keySet()));
        assertEquals(3L, row.coordinates().get("z"));
        assertEquals(2.5, row.coordinates().get("a"));
        assertEquals(List.of("b", "a", "ok"), List.copyOf(row.metrics().keySet()));
        assertEquals(1L, row.metrics().get("b"));
        assertEquals(Boolean.TRUE, row.metrics().get("ok"));
        assertNull(row.error());
        assertTrue(row.isOk());
    }

    @Test
    void aRowSurvivesJavaSerialisationBitForBit() throws Exception {
        TrialRow row = TrialRow.ok("c1-t2", 1, 2, -7, map("n", 300, "mask", "grasp"),
                map("err", 0.1 + 0.2, "nan", Double.NaN, "neg0", -0.0, "ok", false), 0.25);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(row);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            TrialRow back = (TrialRow) in.readObject();
            assertEquals(row, back);
            assertEquals(List.copyOf(row.metrics().keySet()), List.copyOf(back.metrics().keySet()));
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) back.metrics().get("neg0")));
        }
    }

    @Test
    void mapsAreCopiedInAndOut() {
        LinkedHashMap<String, Object> metrics = map("loss", 1.0);
        TrialRow row = new TrialRow("k", 0, 0, 0, new LinkedHashMap<>(), metrics, TrialRow.OK, null, 0);
        metrics.put("loss", 2.0);
        row.metrics().put("loss", 3.0);
        assertEquals(Map.of("loss", 1.0), row.metrics());
    }

    @Test
    void invalidRowsAreRejectedWithMessagesNamingTheValue() {
        LinkedHashMap<String, Object> none = new LinkedHashMap<>();
        assertMessage(() -> new TrialRow(" ", 0, 0, 0, none, none, "ok", null, 0), "key", "' '");
        assertMessage(() -> new TrialRow("k", -1, 0, 0, none, none, "ok", null, 0), "cell", "-1");
        assertMessage(() -> new TrialRow("k", 0, -2, 0, none, none, "ok", null, 0), "trial", "-2");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, none, none, "done", null, 0), "status", "'done'");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, none, none, "ok", "boom", 0), "ok", "'boom'");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, none, none, "failed", null, 0), "failed", "'k'");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, none, none, "failed", " ", 0), "failed", "blank");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, none, none, "ok", null, Double.NaN), "seconds", "NaN");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, none, none, "ok", null, -1), "seconds", "-1.0");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, map("N", true), none, "ok", null, 0), "coordinate 'N'",
                "Boolean true");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, none, map("x", BigDecimal.ONE), "ok", null, 0), "metric 'x'",
                "BigDecimal 1");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, none, map("x", null), "ok", null, 0), "metric 'x'", "null");
        assertMessage(() -> new TrialRow("k", 0, 0, 0, none, map("", 1), "ok", null, 0), "metric names", "''");
    }

    @Test
    void aFailedRowDescribesTheCauseChain() {
        TrialRow row = TrialRow.failed("c1-t2", 1, 2, 9, Map.of("N", 10),
                new IllegalStateException("diverged", new ArithmeticException("/ by zero")), 0.25);
        assertEquals(TrialRow.FAILED, row.status());
        assertEquals("java.lang.IllegalStateException: diverged; caused by java.lang.ArithmeticException: / by zero",
                row.error());
        assertTrue(row.metrics().isEmpty());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String... parts) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String part : parts) {
            assertTrue(ex.getMessage().contains(part), () -> "'" + ex.getMessage() + "' lacks '" + part + "'");
        }
    }
}
