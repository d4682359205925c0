package dev.jackpot.rng;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enforces the reproducibility rule over every module's main sources: no unseeded or global
 * randomness, and no printing outside the CLI.
 */
class CodeStandardsTest {

    private static final Pattern UNSEEDED =
            Pattern.compile("new\\s+(java\\.util\\.)?Random\\s*\\(|Math\\.random\\s*\\(|ThreadLocalRandom|SecureRandom");
    private static final Pattern PRINTS = Pattern.compile("System\\.(out|err)\\.print|printStackTrace\\(\\)");

    @Test
    void mainSourcesUseOnlySeededRandomness() {
        List<String> offenders = scan(UNSEEDED, false);
        assertTrue(offenders.isEmpty(), "unseeded randomness in main sources: " + offenders);
    }

    @Test
    void libraryCodeNeverPrints() {
        List<String> offenders = scan(PRINTS, true);
        assertTrue(offenders.isEmpty(), "library code that prints: " + offenders);
    }

    /** Drops block and line comments, so prose that names a banned call does not count. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    private static List<String> scan(Pattern pattern, boolean skipCli) {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !(skipCli && p.toString().contains("/jackpot-cli/")))
                    .forEach(p -> {
                        try {
                            if (pattern.matcher(withoutComments(Files.readString(p))).find()) {
                                offenders.add(root.relativize(p).toString());
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(Files.isDirectory(root.resolve("jackpot-core")), "expected to run inside the jackpot-core module");
        return offenders;
    }
}
