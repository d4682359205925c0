package dev.jackpot.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of Jackpot that is running: the Maven project version and the git commit it was
 * built from ("unknown" when built outside the launcher), recorded in every manifest.
 *
 * @param version the project version
 * @param commit  the git commit, or "unknown"
 */
public record CodeVersion(String version, String commit) {

    private static final CodeVersion CURRENT = load();

    /** @return the running code's version */
    public static CodeVersion current() {
        return CURRENT;
    }

    private static CodeVersion load() {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled version.properties", e);
        }
        return new CodeVersion(clean(p.getProperty("version")), clean(p.getProperty("commit")));
    }

    private static String clean(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.trim();
    }

    @Override
    public String toString() {
        return version + " (" + commit + ")";
    }
}
