package dev.jackpot.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JackpotCommandTest {

    @Test
    void versionAndHelp() {
        Cli v = Cli.run("--version");
        assertEquals(ExitCodes.OK, v.exit);
        assertTrue(v.out.startsWith("jackpot "), v.out);
        Cli h = Cli.run("--help");
        assertEquals(ExitCodes.OK, h.exit);
        assertTrue(h.out.contains("teacher") && h.out.contains("tour") && h.out.contains("Exit codes"), h.out);
        for (String[] cmd : new String[][]{{"teacher", "--help"}, {"teacher", "train", "--help"}, {"tour", "--help"},
                {"bench", "--help"}, {"bench", "teacher", "--help"}, {"subset-sum", "--help"},
                {"bench", "subset-sum", "--help"}}) {
            Cli c = Cli.run(cmd);
            assertEquals(ExitCodes.OK, c.exit, String.join(" ", cmd));
            assertTrue(c.out.contains("Usage"), c.out);
        }
        assertTrue(Cli.run("teacher", "train", "--help").out.contains("--step-unit"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(ExitCodes.USAGE, Cli.run().exit);
        assertEquals(ExitCodes.USAGE, Cli.run("frobnicate").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("teacher").exit);
        assertEquals(ExitCodes.USAGE, Cli.run("teacher", "train", "--K", "ten").exit);
    }

    @Test
    void invalidValuesAreRejectedNamingTheParameterAndValue() {
        String[][] cases = {
                {"--K", "0", "K", "0"},
                {"--K", "-2", "K", "-2"},
                {"--d", "10", "r", "20"},
                {"--N", "0", "N", "0"},
                {"--noise", "-0.1", "noise", "-0.1"},
                {"--noise", "NaN", "noise", "NaN"},
                {"--lambda", "-0.5", "lambda", "-0.5"},
                {"--tol", "0", "tol", "0"},
                {"--beta", "1.5", "beta", "1.5"},
                {"--eta", "Infinity", "eta", "Infinity"},
        };
        for (String[] c : cases) {
            Cli r = Cli.run("teacher", "train", "--quiet", c[0], c[1]);
            assertEquals(ExitCodes.USAGE, r.exit, c[0] + " " + c[1] + ": " + r.err);
            assertTrue(r.err.contains(c[2]) && r.err.contains(c[3]), c[0] + " " + c[1] + " -> " + r.err);
            assertEquals("", r.out, "nothing on stdout for a usage error");
        }
    }

    /** An unescaped '%' in a description makes picocli print a warning and the raw text instead of the help. */
    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() throws Exception {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            picocli.CommandLine root = JackpotCommand.commandLine();
            java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
            paths.add(java.util.List.of());
            root.getSubcommands().forEach((name, sub) -> {
                paths.add(java.util.List.of(name));
                sub.getSubcommands().keySet().forEach(n -> paths.add(java.util.List.of(name, n)));
            });
            for (java.util.List<String> path : paths) {
                java.util.List<String> args = new java.util.ArrayList<>(path);
                args.add("--help");
                Cli.run(args.toArray(new String[0]));
            }
        } finally {
            System.setErr(original);
        }
        String err = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertFalse(err.contains("picocli WARN"), err);
    }
}
