package dev.jackpot.nn.data.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.AtomicFiles;
import dev.jackpot.experiment.SpecCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Downloads a dataset's files, verifies each against its published size and SHA-256, and puts it
 * in place atomically; resumable, so a fetch that is interrupted (Ctrl-C, a dropped connection, a
 * killed process) continues from the bytes it already has.
 *
 * <p>Per file: the bytes go to {@code <name>.part}; a later fetch asks the server for the rest with
 * an HTTP {@code Range} request (and starts over if the server ignores it); a transfer that breaks
 * is retried from where it stopped, up to three attempts per mirror, then the next mirror is
 * tried. A complete part whose digest is wrong is deleted, never kept. Only a verified file is
 * renamed to its name, so a file under its real name is always the published one. An archive's
 * members are then extracted (each atomically) and the archive deleted. Last, {@value #MANIFEST}
 * records every file's size and digest and where it came from; a fetch that finds it and every file
 * matching does nothing.
 *
 * <p>Before downloading, the free space of the target's file system is checked against what the
 * files (and an archive's members) need. Nothing is held in memory beyond a 64 KiB buffer.
 */
public final class Fetcher {

    /** The file that marks a complete, verified dataset directory. */
    public static final String MANIFEST = "jackpot-data.json";

    private static final int BUFFER = 1 << 16;

    private final int attempts;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration backoff;

    /**
     * A fetcher with a 30 s connect timeout, a 60 s read timeout (no byte for that long), and three attempts
     * per mirror, 2 s and 4 s apart.
     */
    public Fetcher() {
        this(3, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(2));
    }

    /**
     * @param attempts       attempts per file and mirror, at least 1
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long a transfer may go without a byte before it counts as broken
     * @param backoff        the pause before a second attempt on the same mirror (twice it before a third, ...)
     */
    public Fetcher(int attempts, Duration connectTimeout, Duration readTimeout, Duration backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("A fetcher needs at least one attempt per mirror, got " + attempts + ".");
        }
        this.attempts = attempts;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.backoff = backoff;
    }

    /**
     * @param source   what to fetch
     * @param dir      the dataset's directory (created if absent)
     * @param listener told of progress
     * @return the files in place
     * @throws IOException if a file cannot be fetched from any mirror (the message lists each URL and what
     *                     happened), its digest is wrong everywhere, the disk lacks space, or a write fails
     */
    public FetchResult fetch(DatasetSource source, Path dir, FetchListener listener) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the data directory " + dir + ": " + AtomicFiles.describe(e) + ".", e);
        }
        List<FetchResult.Entry> recorded = verifiedManifest(dir);
        if (recorded != null) {
            if (source.extracts()) {
                Files.deleteIfExists(dir.resolve(source.files().get(0).name()));
            }
            return new FetchResult(source.name(), dir, recorded, 0);
        }
        checkSpace(source, dir);
        List<FetchResult.Entry> downloads = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        long transferred = 0;
        for (RemoteFile f : source.files()) {
            Path target = dir.resolve(f.name());
            if (Files.isRegularFile(target) && Files.size(target) == f.bytes() && f.sha256().equals(sha256(target))) {
                downloads.add(new FetchResult.Entry(f.name(), f.bytes(), f.sha256(), FetchResult.How.PRESENT));
                urls.add("");
                listener.finished(f.name());
                continue;
            }
            Transfer t = download(source, f, dir, listener);
            transferred += t.bytes;
            downloads.add(new FetchResult.Entry(f.name(), f.bytes(), f.sha256(),
                    t.resumed ? FetchResult.How.RESUMED : FetchResult.How.DOWNLOADED));
            urls.add(t.url);
        }
        List<FetchResult.Entry> files = downloads;
        if (source.extracts()) {
            Path archive = dir.resolve(source.files().get(0).name());
            files = TarGz.extract(archive, source.members(), dir, listener);
        }
        writeManifest(source, dir, downloads, urls, files);
        if (source.extracts()) {
            Files.deleteIfExists(dir.resolve(source.files().get(0).name()));
        }
        return new FetchResult(source.name(), dir, files, transferred);
    }

    /**
     * @param dir a dataset directory
     * @return the files its manifest records, when the manifest exists and every file matches its size and
     *         digest; {@code null} otherwise
     */
    static List<FetchResult.Entry> verifiedManifest(Path dir) throws IOException {
        Path m = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(m) || Files.size(m) > (1 << 20)) {
            return null;
        }
        JsonNode root;
        try {
            root = SpecCodec.json().readTree(m.toFile());
        } catch (IOException e) {
            return null; // unreadable: fetched again, and the manifest rewritten
        }
        List<FetchResult.Entry> out = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            String name = f.path("name").asText("");
            Path p = dir.resolve(name).normalize();
            if (name.isEmpty() || !p.getParent().equals(dir.normalize()) || !Files.isRegularFile(p)
                    || Files.size(p) != f.path("bytes").asLong(-1) || !sha256(p).equals(f.path("sha256").asText())) {
                return null;
            }
            out.add(new FetchResult.Entry(name, f.path("bytes").asLong(), f.path("sha256").asText(),
                    FetchResult.How.PRESENT));
        }
        return out.isEmpty() ? null : out;
    }

    private record Transfer(long bytes, boolean resumed, String url) {
    }

    private Transfer download(DatasetSource source, RemoteFile f, Path dir, FetchListener listener) throws IOException {
        Path part = dir.resolve(f.name() + ".part");
        List<String> failures = new ArrayList<>();
        long[] transferred = {0};
        boolean resumed = false;
        List<URI> mirrors = source.mirrors();
        for (int m = 0; m < mirrors.size(); m++) {
            URI url = mirrors.get(m).resolve(f.name());
            for (int attempt = 1; attempt <= attempts; attempt++) {
                long have = Files.isRegularFile(part) ? Files.size(part) : 0;
                if (have > f.bytes()) {
                    Files.delete(part);
                    have = 0;
                }
                String failure;
                boolean retryable = false;
                try {
                    if (have < f.bytes()) {
                        listener.started(f.name(), f.bytes(), url.toString());
                        long start = transfer(url, f, part, have, transferred, listener);
                        resumed |= start > 0;
                    }
                    String digest = sha256(part);
                    if (digest.equals(f.sha256())) {
                        place(part, dir.resolve(f.name()));
                        listener.finished(f.name());
                        return new Transfer(transferred[0], resumed, url.toString());
                    }
                    Files.delete(part);
                    failure = url + ": the file's SHA-256 is " + digest + ", not the published " + f.sha256()
                            + " (deleted)";
                } catch (Refused e) {
                    failure = url + ": " + e.getMessage();
                } catch (IOException e) {
                    if (isWriteFailure(e)) {
                        throw new IOException("cannot write " + part + ": " + AtomicFiles.describe(e) + ".", e);
                    }
                    failure = url + ": the transfer broke (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
                    retryable = true;
                }
                if (failures.isEmpty() || !failures.get(failures.size() - 1).equals(failure)) {
                    failures.add(failure);
                }
                boolean sameMirrorAgain = retryable && attempt < attempts;
                if (!sameMirrorAgain && m == mirrors.size() - 1) {
                    break;
                }
                listener.retrying(f.name(), failure + (sameMirrorAgain ? "; trying again" : "; trying the next mirror"));
                if (!sameMirrorAgain) {
                    break;
                }
                pause(attempt);
            }
        }
        throw new IOException("could not fetch " + f.name() + " (" + f.bytes() + " bytes, SHA-256 " + f.sha256()
                + "): " + String.join("; ", failures) + ". " + resumeHint(part)
                + "; run the fetch again, or pass --mirror with a URL that serves the file.");
    }

    private void pause(int attempt) throws IOException {
        try {
            Thread.sleep(backoff.toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the fetch was interrupted", e);
        }
    }

    /** Streams the rest of {@code f} into {@code part}; returns the offset the server continued from. */
    private long transfer(URI url, RemoteFile f, Path part, long have, long[] transferred, FetchListener listener)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        try {
            c.setConnectTimeout((int) connectTimeout.toMillis());
            c.setReadTimeout((int) readTimeout.toMillis());
            c.setInstanceFollowRedirects(true);
            c.setRequestProperty("User-Agent", "jackpot-data-fetch");
            c.setRequestProperty("Accept-Encoding", "identity");
            if (have > 0) {
                c.setRequestProperty("Range", "bytes=" + have + "-");
            }
            int status = c.getResponseCode();
            long start;
            if (status == 206 && have > 0) {
                String range = String.valueOf(c.getHeaderField("Content-Range"));
                if (!range.startsWith("bytes " + have + "-")) {
                    throw new Refused("answered a request for bytes " + have + "- with Content-Range '" + range + "'");
                }
                start = have;
            } else if (status == 200) {
                start = 0;
            } else if (status == 416 && have > 0) {
                // Our part is not a prefix the server can continue: discard it and start over next attempt.
                Files.delete(part);
                throw new IOException("HTTP 416 for bytes " + have + "-; the partial file was discarded");
            } else {
                throw new Refused("HTTP status " + status);
            }
            long length = c.getContentLengthLong();
            if (length >= 0 && start + length != f.bytes()) {
                throw new Refused("offers " + (start + length) + " bytes where the published size is " + f.bytes());
            }
            StandardOpenOption mode = start == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
            long done = start;
            byte[] buf = new byte[BUFFER];
            try (InputStream body = c.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
                int n;
                while ((n = body.read(buf)) >= 0) {
                    if (done + n > f.bytes()) {
                        throw new Refused("sends more than the published " + f.bytes() + " bytes");
                    }
                    out.write(buf, 0, n);
                    done += n;
                    transferred[0] += n;
                    listener.progress(f.name(), done);
                }
            } finally {
                if (Files.isRegularFile(part)) {
                    try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                        ch.force(true); // what was received survives a crash, for the next fetch to continue
                    }
                }
            }
            if (done < f.bytes()) {
                throw new IOException("the connection closed after " + done + " of " + f.bytes() + " bytes");
            }
            return start;
        } finally {
            c.disconnect();
        }
    }

    /** A mirror's answer that no retry of the same mirror can fix. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static boolean isWriteFailure(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No space left on device") || m.contains("Disk quota exceeded")
                || m.contains("Read-only file system") || e instanceof java.nio.file.AccessDeniedException;
    }

    private static String resumeHint(Path part) throws IOException {
        return Files.isRegularFile(part) ? "The " + Files.size(part) + " bytes received are kept in " + part
                + " and the next fetch continues from them" : "Nothing partial was kept";
    }

    private static void place(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void checkSpace(DatasetSource source, Path dir) throws IOException {
        long need = 0;
        for (RemoteFile f : source.files()) {
            Path target = dir.resolve(f.name());
            Path part = dir.resolve(f.name() + ".part");
            if (Files.isRegularFile(target) && Files.size(target) == f.bytes()) {
                continue;
            }
            need += f.bytes() - (Files.isRegularFile(part) ? Math.min(Files.size(part), f.bytes()) : 0);
        }
        for (ArchiveMember m : source.members()) {
            need += m.bytes();
        }
        long free = Files.getFileStore(dir).getUsableSpace();
        if (need > free) {
            throw new IOException("fetching " + source.name() + " needs " + mib(need) + " free in " + dir + " but only "
                    + mib(free) + " is; free space or fetch elsewhere with --dir.");
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static void writeManifest(DatasetSource source, Path dir, List<FetchResult.Entry> downloads,
                                      List<String> urls, List<FetchResult.Entry> files) throws IOException {
        ObjectNode o = SpecCodec.json().createObjectNode();
        o.put("dataset", source.name());
        o.put("homepage", source.homepage());
        o.put("fetched", Instant.now().toString());
        ArrayNode src = o.putArray("downloads");
        for (int i = 0; i < downloads.size(); i++) {
            FetchResult.Entry d = downloads.get(i);
            ObjectNode e = src.addObject().put("name", d.name()).put("bytes", d.bytes()).put("sha256", d.sha256());
            e.put("url", urls.get(i).isEmpty() ? null : urls.get(i));
        }
        ArrayNode fs = o.putArray("files");
        for (FetchResult.Entry f : files) {
            fs.addObject().put("name", f.name()).put("bytes", f.bytes()).put("sha256", f.sha256());
        }
        AtomicFiles.writeString(dir.resolve(MANIFEST), SpecCodec.json().writerWithDefaultPrettyPrinter()
                .writeValueAsString(o) + "\n");
    }

    /**
     * @param file a file
     * @return its SHA-256, lower-case hex
     * @throws IOException if it cannot be read
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
