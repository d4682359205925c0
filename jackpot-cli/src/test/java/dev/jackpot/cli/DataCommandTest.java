package dev.jackpot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.jackpot.nn.data.DataHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DataCommandTest {

    @TempDir
    Path tmp;

    @Test
    void listSaysWhereEachDatasetIsOrTheCommandThatFetchesIt() throws Exception {
        Cli c = Cli.run("data", "list", "--dir", tmp.toString());
        assertEquals(0, c.exit, c.err);
        assertTrue(c.out.contains("not found: './jackpot data fetch cifar10' (162 MiB)"), c.out);
        JsonNode j = Cli.run("data", "list", "--dir", tmp.toString(), "--json").json();
        assertEquals(tmp.toString(), j.get("root").asText());
        assertEquals("mnist", j.get("datasets").get(1).get("dataset").asText());
        assertTrue(j.get("datasets").get(1).get("found").isNull());
        assertEquals(11_594_722, j.get("datasets").get(1).get("downloadBytes").asLong());
    }

    @Test
    void aMirrorServingOtherBytesIsRefusedAndNothingIsLeftUnderTheRealName() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = new byte[28_881]; // the size of MNIST's train labels, but not its bytes
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist";
            Cli c = Cli.run("data", "fetch", "mnist", "--dir", tmp.toString(), "--mirror", mirror, "-q");
            assertEquals(1, c.exit, c.out + c.err);
            assertTrue(c.err.contains("could not fetch train-images-idx3-ubyte.gz"), c.err);
            assertTrue(c.err.contains("offers 28881 bytes where the published size is 9912422"), c.err);
            try (var files = Files.list(tmp.resolve("mnist"))) {
                assertEquals(0, files.count(), "nothing unverified stays");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, Cli.run("data", "fetch", "imagenet").exit);
        Cli both = Cli.run("data", "fetch", "mnist", "cifar10", "--mirror", "http://127.0.0.1:1/");
        assertEquals(2, both.exit);
        assertTrue(both.err.contains("name exactly one dataset"), both.err);
        Cli ftp = Cli.run("data", "fetch", "mnist", "--mirror", "ftp://example.org/", "--dir", tmp.toString());
        assertEquals(2, ftp.exit);
        assertTrue(ftp.err.contains("needs an http:// or https:// URL"), ftp.err);
        assertEquals(2, Cli.run("data").exit);
    }

    @Test
    void aPresetWhoseDataIsAbsentSaysWhichCommandFetchesIt() {
        assumeTrue(DataHome.system().locate("mnist").isEmpty(), "MNIST is fetched on this machine");
        Cli c = Cli.run("lottery", "--preset", "lenet300-mnist", "--out", tmp.toString());
        assertEquals(1, c.exit, c.out + c.err);
        assertTrue(c.err.contains("run './jackpot data fetch mnist'"), c.err);
        assertTrue(!Files.exists(tmp) || tmp.toFile().list().length == 0, "no run directory for a run that cannot start");
    }
}
