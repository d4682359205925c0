package dev.jackpot.experiment;

import dev.jackpot.prune.BranchResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One IMP branch as bytes, for shipping between JVMs (a Spark task's input and result): a zip of exactly
 * the files {@link FileLevelStore} writes for the branch (safetensors ticket, {@code branch.json}, the
 * optimiser state if any), so a branch decoded on the driver and saved there is the branch a local run
 * saves, bit for bit (float32 tensors verbatim; doubles as round-trip decimals).
 */
public final class BranchBytes {

    private BranchBytes() {
    }

    /**
     * @param level    the branch's level (level 0's files hold θ0 and θk, later levels' the start weights)
     * @param branch   the branch
     * @param specJson the run's spec, recorded in the ticket as a local run records it
     * @return the zip
     * @throws IOException if the temporary files cannot be written
     */
    public static byte[] encode(int level, BranchResult branch, String specJson) throws IOException {
        Path dir = Files.createTempDirectory("jackpot-branch");
        try {
            new FileLevelStore(new LevelLayout(dir), specJson).writeBranch(level, branch);
            Path root = new LevelLayout(dir).branch(level, branch.branch());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(root)) {
                for (Path f : files.sorted().toList()) {
                    zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                    zip.write(Files.readAllBytes(f));
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } finally {
            FileLevelStore.deleteTree(dir);
        }
    }

    /**
     * @param level  the branch's level, as encoded
     * @param branch its name, as encoded
     * @param bytes  what {@link #encode} returned
     * @return the branch
     * @throws IOException if the bytes are not such a zip
     */
    public static BranchResult decode(int level, String branch, byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("jackpot-branch");
        try {
            LevelLayout layout = new LevelLayout(dir);
            Path root = layout.branch(level, branch);
            Files.createDirectories(root);
            int entries = 0;
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    String name = e.getName();
                    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                        throw new IOException("A shipped branch holds an unexpected entry '" + name + "'.");
                    }
                    Files.write(root.resolve(name), zip.readAllBytes());
                    entries++;
                }
            }
            if (entries == 0) {
                throw new IOException("The shipped bytes of level " + level + " " + branch + " hold no files.");
            }
            return new FileLevelStore(layout, "").loadBranch(level, branch);
        } finally {
            FileLevelStore.deleteTree(dir);
        }
    }
}
