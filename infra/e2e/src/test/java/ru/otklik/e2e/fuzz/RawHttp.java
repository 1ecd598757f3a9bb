package ru.otklik.e2e.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over one keep-alive socket, owned by one fuzz worker. Not
 * {@code java.net.http}: that client refuses the requests a fuzzer must be able to send (bytes outside
 * ASCII in header values, repeated or empty headers, restricted names), and its pool would hide which
 * request a server answered by closing the connection. Every exchange has a read timeout: a server that
 * does not answer within it is a hang, reported as such.
 */
final class RawHttp implements AutoCloseable {

    /** One answer: status, headers (names in lower case, first value kept), body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The server did not answer in time: what the fuzz suite calls a hang. */
    static final class Hang extends IOException {
        Hang(String message) {
            super(message);
        }
    }

    private static final int MAX_BODY = 16 << 20;

    private final int port;
    /** The request line of the last exchange, for a desync report. */
    private String previous = "-";
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttp(int port, Duration timeout) {
        this.port = port;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /**
     * Sends the complete request bytes and reads one answer. A kept-alive connection the server closed
     * meanwhile (idle timeout, an earlier {@code Connection: close}) is reopened once and the request sent
     * again; a fresh connection that fails is the server's failure.
     */
    Answer exchange(byte[] request, boolean head) throws IOException {
        boolean reused = socket != null;
        try {
            return exchangeOnce(request, head);
        } catch (Hang | Unsolicited e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchangeOnce(request, head);
        }
    }

    /** What the server sent on a kept-alive connection after its answer was complete: a second answer, a desync. */
    static final class Unsolicited extends IOException {
        Unsolicited(String message) {
            super(message);
        }
    }

    private Answer exchangeOnce(byte[] request, boolean head) throws IOException {
        if (socket != null && in.available() > 0) {
            byte[] extra = in.readNBytes(Math.min(in.available(), 300));
            close();
            throw new Unsolicited("bytes after the previous answer on this connection (" + previous + "): "
                    + new String(extra, StandardCharsets.ISO_8859_1).replaceAll("\\s+", " "));
        }
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        int eol = 0;
        while (eol < request.length && eol < 200 && request[eol] != '\r') {
            eol++;
        }
        previous = new String(request, 0, eol, StandardCharsets.ISO_8859_1);
        try {
            Answer answer;
            do {
                answer = read(head);
            } while (answer.status() >= 100 && answer.status() < 200);
            // one request per connection: a mutated request (a garbled Content-Length, bytes past the declared
            // body) can legitimately read to the server as two, and the second answer on a kept-alive connection
            // was then taken for the next request's (a 403 read as the 200 before it: "accepted what the rules
            // refuse"). Loopback reuses TIME_WAIT ports (tcp_tw_reuse), so this costs a connect per request only.
            close();
            return answer;
        } catch (SocketTimeoutException e) {
            throw new Hang("no answer within " + timeoutMillis + " ms");
        }
    }

    private Answer read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("connection closed before an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        }
        byte[] body;
        String length = headers.get("content-length");
        String encoding = headers.get("transfer-encoding");
        if (head || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = new byte[0];
        } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked();
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else {
            body = in.readNBytes(MAX_BODY); // to the end of the connection
            headers.put("connection", "close");
        }
        return new Answer(status, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) {
                throw new EOFException("chunked body cut off");
            }
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used by these servers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line();
        }
    }

    /** One header line without its CRLF, or null at the end of the stream. */
    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] raw = bytes.toByteArray();
                int end = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                return new String(raw, 0, end, StandardCharsets.ISO_8859_1);
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to release beyond the socket
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
