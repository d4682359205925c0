package dev.jackpot.experiment;

import dev.jackpot.teacher.MaskSource;
import dev.jackpot.teacher.OverlapMode;
import dev.jackpot.teacher.StepUnit;
import dev.jackpot.teacher.TeacherTrialSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecCodecTest {

    private static final SpecCodec<TeacherTrialSpec> CODEC =
            new SpecCodec<>(TeacherTrialSpec.class, TeacherTrialSpec.defaults(10, 300, 5000, 20, 1));

    @Test
    void aPartialYamlSpecIsMergedOverTheDefaults() {
        TeacherTrialSpec s = CODEC.parseYaml("""
                seed: 7
                N: 800
                teacher: {K: 4, d: 50, r: 8, overlap: groups, groups: 2}
                mask: {source: grasp, pruningRatio: 0.5}
                agd: {beta: 0, stepUnit: paper, eta: 3.5}
                """);
        assertEquals(7, s.seed());
        assertEquals(800, s.n());
        assertEquals(4, s.teacher().k());
        assertEquals(OverlapMode.GROUPS, s.teacher().overlap());
        assertEquals(MaskSource.GRASP, s.mask().source());
        assertEquals(StepUnit.PAPER, s.agd().stepUnit());
        assertEquals(0.0, s.agd().beta());
        // untouched fields keep their defaults
        assertEquals(CODEC.defaults().agd().tol(), s.agd().tol());
        assertEquals(CODEC.defaults().testSamples(), s.testSamples());
    }

    @Test
    void yamlAndJsonRoundTrip(@TempDir Path dir) throws Exception {
        TeacherTrialSpec s = CODEC.parseYaml("teacher: {k: 3, d: 20, r: 4, noise: 0.01}\nn: 99");
        Path yaml = dir.resolve("s.yaml");
        Files.writeString(yaml, CODEC.toYaml(s));
        assertEquals(s, CODEC.read(yaml));
        Path json = dir.resolve("s.json");
        Files.writeString(json, SpecCodec.json().writeValueAsString(s));
        assertEquals(s, CODEC.read(json));
    }

    @Test
    void errorsNameTheFieldAndTheValue() {
        assertMessage("teacher: {K: 0}", "K", "0");
        assertMessage("teacher: {noise: -0.5}", "noise", "-0.5");
        assertMessage("teacher: {d: 10, r: 11}", "r", "11");
        assertMessage("init: {lambda: -1}", "lambda", "-1");
        assertMessage("agd: {tol: 0}", "tol", "0");
        assertMessage("n: 0", "N", "0");
        assertMessage("teacher: {noise: NaN}", "noise", "NaN");
        assertMessage("teacher: {colour: red}", "colour", "known fields");
        assertMessage("teacher: {overlap: sideways}", "overlap", "sideways");
        assertMessage("agd: {maxIterations: 2.5}", "maxIterations", "2.5");
        assertMessage("teacher: [1, 2]", "teacher", "");
        assertMessage("teacher: {K: : :}", "YAML", "");
    }

    private static void assertMessage(String yaml, String field, String value) {
        SpecException e = assertThrows(SpecException.class, () -> CODEC.parseYaml(yaml), yaml);
        assertTrue(e.getMessage().contains(field), "'" + e.getMessage() + "' should name " + field);
        assertTrue(e.getMessage().contains(value), "'" + e.getMessage() + "' should name " + value);
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path dir) {
        SpecException e = assertThrows(SpecException.class, () -> CODEC.read(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("nope.yaml"));
    }

    private static String refused(Path file) {
        return assertThrows(SpecException.class, () -> CODEC.read(file)).getMessage();
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNeverLastOneWins(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("twice.yaml");
        Files.writeString(yaml, "teacher: {K: 4, d: 50, r: 10}\nN: 300\nteacher: {K: 2}\n");
        String m = refused(yaml);
        assertTrue(m.contains("teacher") && m.toLowerCase().contains("duplicate"), m);
        Path json = dir.resolve("twice.json");
        Files.writeString(json, "{\"seed\": 1, \"seed\": 2}");
        assertTrue(refused(json).contains("seed"), refused(json));
        // Keys match case-insensitively, so K and k are the same field given twice.
        Path cased = dir.resolve("cased.yaml");
        Files.writeString(cased, "teacher: {K: 4, k: 5}\n");
        m = refused(cased);
        assertTrue(m.contains("'teacher.k'") && m.contains("given twice"), m);
    }

    @Test
    void emptyBinaryAndHugeFilesAreRefusedWithSentences(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        assertTrue(refused(empty).contains("is empty or holds only comments"), refused(empty));
        Path comments = dir.resolve("comments.yaml");
        Files.writeString(comments, "# only a comment\n\n   # another\n");
        assertTrue(refused(comments).contains("is empty or holds only comments"), refused(comments));
        Path binary = dir.resolve("garbage.yaml");
        Files.write(binary, new byte[] {'s', 'e', 'e', 'd', ':', ' ', 0, (byte) 0xff, 3});
        assertTrue(refused(binary).contains("not a text file (it holds a NUL byte at offset 6)"), refused(binary));
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'s', 'e', 'e', 'd', ':', ' ', (byte) 0xe9});
        assertTrue(refused(latin1).contains("is not UTF-8 text"), refused(latin1));
        Path huge = dir.resolve("huge.yaml");
        try (var out = Files.newOutputStream(huge)) {
            byte[] line = "# padding padding padding padding padding padding padding padding\n".getBytes();
            for (long written = 0; written <= SpecCodec.MAX_FILE_BYTES; written += line.length) {
                out.write(line);
            }
        }
        String m = refused(huge);
        assertTrue(m.contains("a spec is at most 1048576 bytes"), m);
    }

    @Test
    void thousandsOfHostileSpecFilesFailWithASpecExceptionAndNothingElse(@TempDir Path dir) throws Exception {
        byte[] valid = """
                seed: 7
                N: 800
                teacher: {K: 4, d: 50, r: 8, overlap: groups, groups: 2}
                mask: {source: grasp, pruningRatio: 0.5}
                agd: {beta: 0, stepUnit: paper, eta: 3.5}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String[] fragments = {"&a [1,2]", "*a", "{", "}", "[", "]", ":", "- ", "!!binary", "!!python/object", "\t",
            "N: -1", "seed: 1e999", "K: 4.5", "teacher: null", "d: [1]", "? ", "%YAML 1.2", "---", "...", "'", "\"",
            "mask: {source: nope}", "\u0000", "\uFEFF"};
        dev.jackpot.rng.Rng rng = dev.jackpot.rng.Rng.of(2024);
        Path f = dir.resolve("fuzz.yaml");
        int refused = 0;
        for (int c = 0; c < 3000; c++) {
            byte[] b = valid.clone();
            switch (c % 4) {
                case 0 -> b = java.util.Arrays.copyOf(b, rng.nextInt(b.length + 1));
                case 1 -> {
                    for (int k = 0; k <= rng.nextInt(4); k++) {
                        b[rng.nextInt(b.length)] = (byte) rng.nextInt(256);
                    }
                }
                case 2 -> {
                    String text = new String(b, java.nio.charset.StandardCharsets.UTF_8);
                    int at = rng.nextInt(text.length() + 1);
                    b = (text.substring(0, at) + fragments[rng.nextInt(fragments.length)] + text.substring(at))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                default -> {
                    b = new byte[rng.nextInt(200)];
                    for (int k = 0; k < b.length; k++) {
                        b[k] = (byte) rng.nextInt(256);
                    }
                }
            }
            Files.write(f, b);
            try {
                CODEC.read(f);
            } catch (SpecException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "case " + c);
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("case " + c + " (" + new String(b, java.nio.charset.StandardCharsets.UTF_8)
                        + ") threw " + e, e);
            }
        }
        assertTrue(refused > 1500, "most mutations are refused: " + refused);
    }
}
