package dev.jackpot.nn.data.fetch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal HTTP/1.1 server on the loopback interface serving byte arrays by path, for fetch tests
 * (no network). It honours {@code Range: bytes=N-} with 206 unless told to ignore ranges, and can drop
 * the connection after a number of body bytes, or stall there, as broken networks do. Every response
 * closes its connection.
 */
final class LoopbackServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final ServerSocket socket;
    private final Thread acceptor;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Each request as "path range" (range empty when none). */
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile boolean ignoreRanges;
    volatile boolean stall;
    private volatile int cutAfter = Integer.MAX_VALUE;
    private final AtomicInteger cutsLeft = new AtomicInteger();

    LoopbackServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "loopback-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the base URL of directory {@code dir}, ending in '/' */
    String base(String dir) {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/" + dir + "/";
    }

    void put(String path, byte[] bytes) {
        files.put(path, bytes);
    }

    /** The next {@code times} responses longer than {@code bytes} end (or, with {@link #stall}, hang) there. */
    void cut(int bytes, int times) {
        cutAfter = bytes;
        cutsLeft.set(times);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "loopback-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String line = in.readLine();
            if (line == null) {
                return;
            }
            String path = line.split(" ")[1];
            String range = null;
            for (String h; (h = in.readLine()) != null && !h.isEmpty(); ) {
                if (h.regionMatches(true, 0, "Range:", 0, 6)) {
                    range = h.substring(6).trim();
                }
            }
            requests.add(path + " " + (range == null ? "" : range));
            OutputStream out = s.getOutputStream();
            byte[] body = files.get(path);
            if (body == null) {
                head(out, "404 Not Found", 0, null);
                return;
            }
            int from = 0;
            Matcher m = range == null ? null : RANGE.matcher(range);
            String status = "200 OK";
            String contentRange = null;
            if (m != null && m.matches() && !ignoreRanges) {
                from = Integer.parseInt(m.group(1));
                if (from >= body.length) {
                    head(out, "416 Range Not Satisfiable", 0, null);
                    return;
                }
                status = "206 Partial Content";
                contentRange = "bytes " + from + "-" + (body.length - 1) + "/" + body.length;
            }
            int len = body.length - from;
            head(out, status, len, contentRange);
            boolean cut = cutAfter < len && cutsLeft.getAndUpdate(c -> Math.max(0, c - 1)) > 0;
            out.write(body, from, cut ? cutAfter : len);
            out.flush();
            if (cut && stall) {
                Thread.sleep(30_000);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test ended
        }
    }

    private static void head(OutputStream out, String status, long length, String contentRange) throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append("\r\nContent-Length: ").append(length)
                .append("\r\nConnection: close\r\n");
        if (contentRange != null) {
            h.append("Content-Range: ").append(contentRange).append("\r\n");
        }
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
