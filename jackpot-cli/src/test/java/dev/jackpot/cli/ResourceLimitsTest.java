package dev.jackpot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceLimitsTest {

    @Test
    void absurdTeacherSizesAreRefusedBeforeAnyWorkOrDirectory(@TempDir Path out) throws Exception {
        for (String[] size : new String[][] {{"--K", "1000000000"}, {"--d", "1000000000"}, {"--N", "1000000000"}}) {
            long t0 = System.nanoTime();
            Cli r = Cli.run("teacher", "train", size[0], size[1], "--out", out.toString(), "--quiet");
            assertEquals(ExitCodes.USAGE, r.exit, r.err);
            assertTrue(r.err.contains("needs about") && r.err.contains("Java heap limit")
                    && r.err.contains("JACKPOT_JAVA_OPTS=-Xmx"), r.err);
            assertTrue(r.err.contains(size[0].substring(2) + " = 1000000000"), r.err);
            assertTrue((System.nanoTime() - t0) / 1e9 < 5, "refused before allocating");
        }
        try (var dirs = Files.list(out)) {
            assertFalse(dirs.findAny().isPresent(), "no half-made run directory is left");
        }
    }

    @Test
    void subsetSumConstructAndLotterySizesAreCheckedBeforeWork(@TempDir Path out) throws Exception {
        Cli sum = Cli.run("subset-sum", "--random", "1000000000", "--target", "0.5", "--out", out.toString());
        assertEquals(ExitCodes.USAGE, sum.exit, sum.err);
        assertTrue(sum.err.contains("subset-sum needs about") && sum.err.contains("--random 1000000000"), sum.err);
        Cli construct = Cli.run("construct", "pensia", "--widths", "3000,3000,10", "--n", "20", "--out", out.toString());
        assertEquals(ExitCodes.USAGE, construct.exit, construct.err);
        assertTrue(construct.err.contains("construct needs about") && construct.err.contains("n = 20"), construct.err);
        if (Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist"))) {
            Path spec = out.resolve("big.yaml");
            Files.writeString(spec, "subsample: 1000000000\n");
            Cli lottery = Cli.run("lottery", "--spec", spec.toString(), "--out", out.toString(), "--quiet");
            assertEquals(ExitCodes.USAGE, lottery.exit, lottery.err);
            assertTrue(lottery.err.contains("subsample is 1000000000, more than the 60000 examples"), lottery.err);
        }
        try (var dirs = Files.list(out)) {
            assertEquals(0, dirs.filter(Files::isDirectory).count(), "no run directory is left");
        }
    }

    @CommandLine.Command(name = "hungry")
    static final class Hungry implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void anOutOfMemoryErrorBecomesAOneLineFailureNotAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Hungry());
        cl.setErr(new PrintWriter(err));
        assertEquals(ExitCodes.FAILURE, Main.run(cl, new String[0]));
        String text = err.toString();
        assertTrue(text.startsWith("jackpot: error: out of memory (Java heap space)"), text);
        assertTrue(text.contains("JACKPOT_JAVA_OPTS=-Xmx"), text);
        assertEquals(1, text.strip().lines().count(), text);
    }
}
