package io.promfleet.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in HTTP forward proxy on 127.0.0.1 that forwards nothing: it reads each request (an absolute-form
 * {@code POST http://host:port/path} or a {@code CONNECT host:port}), records its request line, and answers
 * 502 Bad Gateway, as a real proxy answers when it cannot reach or resolve the host. A sender configured
 * with it never opens a connection, nor resolves a name, anywhere else.
 */
final class RefusingForwardProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private RefusingForwardProxy(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "e2e-refusing-forward-proxy");
        acceptor.setDaemon(true);
    }

    static RefusingForwardProxy start() {
        try {
            RefusingForwardProxy proxy = new RefusingForwardProxy(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()));
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stand-in proxy", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Every request line received so far, e.g. {@code POST http://host:19291/api/v1/receive HTTP/1.1}. */
    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                answer(socket);
            } catch (IOException e) {
                // a sender hanging up mid-request, or the server closing: nothing to do but take the next
            }
        }
    }

    /** One request per connection (the answer says {@code Connection: close}), its body read before answering. */
    private void answer(Socket socket) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String requestLine = line(in);
        long contentLength = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                contentLength = Long.parseLong(header.substring(colon + 1).trim());
            }
        }
        in.skipNBytes(contentLength);
        requestLines.add(requestLine);
        byte[] body = "stand-in proxy: forwarding nothing\n".getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-request");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket does not fail in a way a test could act on
        }
    }
}
