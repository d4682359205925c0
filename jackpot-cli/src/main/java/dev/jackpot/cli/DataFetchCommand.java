package dev.jackpot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackpot.experiment.SpecCodec;
import dev.jackpot.nn.data.DataHome;
import dev.jackpot.nn.data.fetch.DatasetSource;
import dev.jackpot.nn.data.fetch.FetchListener;
import dev.jackpot.nn.data.fetch.FetchResult;
import dev.jackpot.nn.data.fetch.Fetcher;
import dev.jackpot.run.Resources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jackpot data fetch}: download datasets, verified, resumable, atomic. */
@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download datasets into the data root (" + DataHome.ENV + ", else ~/.jackpot/data), where every "
                + "command finds them: fashion-mnist (30 MB), mnist (11 MB), cifar10 (170 MB archive, 184 MB unpacked).",
                "Each file is checked against its published size and SHA-256 before it is put in place under its "
                        + "name; an interrupted fetch keeps what it received and the next one continues from there; a "
                        + "dataset already fetched and intact is not downloaded again."})
final class DataFetchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Parameters(paramLabel = "DATASET", arity = "1..*", description = "fashion-mnist, mnist, cifar10 or all.")
    List<String> names;

    @Option(names = "--dir", paramLabel = "ROOT", description = "Data root to fetch into (default: the data root above).")
    Path dir;

    @Option(names = "--mirror", paramLabel = "URL", description = "Fetch the files from this base URL instead of the "
            + "published mirrors (one dataset only; the checksums still apply).")
    String mirror;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<String> datasets = datasets();
        if (mirror != null && datasets.size() != 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--mirror serves one dataset's files; name exactly one dataset with it");
        }
        DataHome home = dir == null ? DataHome.system() : DataHome.system().withRoot(dir);
        PrintWriter out = commandSpec.commandLine().getOut();
        Fetcher fetcher = new Fetcher();
        List<FetchResult> results = new ArrayList<>();
        for (String name : datasets) {
            DatasetSource source = DatasetSource.of(name);
            if (mirror != null) {
                source = mirror.startsWith("http://") || mirror.startsWith("https://") ? source.withMirror(mirror) : null;
                if (source == null) {
                    throw new CommandLine.ParameterException(commandSpec.commandLine(),
                            "--mirror needs an http:// or https:// URL, got '" + mirror + "'");
                }
            }
            try (Bars bars = new Bars(name, quiet || json)) {
                FetchResult r = fetcher.fetch(source, home.dir(name), bars);
                results.add(r);
                if (!json) {
                    out.printf("%s: %s %s (%d files%s)%n", name, r.alreadyPresent() ? "already in" : "fetched into",
                            r.dir(), r.files().size(), r.downloaded() > 0 ? ", " + Resources.format(r.downloaded())
                                    + " downloaded" : "");
                    out.flush();
                }
            }
        }
        if (json) {
            ObjectNode o = SpecCodec.json().createObjectNode();
            o.put("root", home.root().toString());
            ArrayNode a = o.putArray("datasets");
            for (FetchResult r : results) {
                ObjectNode d = a.addObject().put("dataset", r.dataset()).put("dir", r.dir().toString())
                        .put("downloaded", r.downloaded()).put("alreadyPresent", r.alreadyPresent());
                ArrayNode fs = d.putArray("files");
                r.files().forEach(f -> fs.addObject().put("name", f.name()).put("bytes", f.bytes())
                        .put("sha256", f.sha256()).put("how", f.how().label()));
            }
            OutputOptions.printJson(out, o);
        }
        return ExitCodes.OK;
    }

    private List<String> datasets() {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String n : names) {
            if (n.equals("all")) {
                set.addAll(DataHome.DATASETS);
            } else if (DataHome.DATASETS.contains(n)) {
                set.add(n);
            } else {
                throw new CommandLine.ParameterException(commandSpec.commandLine(), "unknown dataset '" + n
                        + "'; known: " + String.join(", ", DataHome.DATASETS) + ", all");
            }
        }
        return List.copyOf(set);
    }

    /** One progress bar per file, in bytes; retries as plain lines. */
    private static final class Bars implements FetchListener, AutoCloseable {
        private final String dataset;
        private final boolean quiet;
        private Progress current;
        private String file;
        private long total;

        Bars(String dataset, boolean quiet) {
            this.dataset = dataset;
            this.quiet = quiet;
        }

        @Override
        public void started(String file, long total, String from) {
            close();
            this.file = file;
            this.total = total;
        }

        @Override
        public void progress(String file, long done) {
            if (current == null) { // a bar only once bytes flow, so a refused connection prints one line, not two
                current = Progress.start(dataset + "/" + this.file, total, quiet);
            }
            current.update(done, "bytes");
        }

        @Override
        public void finished(String file) {
            close();
        }

        @Override
        public void retrying(String file, String reason) {
            if (current != null) {
                current.markStopped();
            }
            close();
            if (!quiet) {
                System.err.println(dataset + "/" + file + ": " + reason);
            }
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
