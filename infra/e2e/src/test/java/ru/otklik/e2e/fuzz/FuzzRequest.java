package ru.otklik.e2e.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated request and what the project's own rules say must happen to it. The expectation is
 * decided when the request is built, from how it was built (signature, token, content type) and, for
 * bodies, from the project's validators on the exact bytes: a mutation that happens to leave a body
 * valid is expected to be accepted, one that breaks it to be refused.
 *
 * @param endpoint  the endpoint's name in the report (one per route and door)
 * @param head      a HEAD request: the answer has no body
 * @param expect    what the answer must be
 * @param accepted  for kiosk batches: how many taps the validator accepts (else -1)
 * @param note      how the request was made, for the failure message (never a secret)
 */
record FuzzRequest(String endpoint, String method, String target, List<String[]> headers, byte[] body,
                   Expect expect, int accepted, String note) {

    /** What the answer must be. */
    enum Expect {
        /** valid by construction and by the validators: 2xx (a redirect for the login) */
        ACCEPT,
        /** invalid, unauthenticated or in the wrong shape: 4xx with a reason */
        REFUSE,
        /** depends on what other requests did first (a single-use link, a replayed signature): 2xx or 4xx */
        EITHER
    }

    /** The same request with its index (or another fact) in front of the note, for the report. */
    FuzzRequest withNote(String first) {
        return new FuzzRequest(endpoint, method, target, headers, body, expect, accepted, first + " " + note);
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** The request on the wire; Content-Length is always right, so a wrong one can never stall the connection. */
    byte[] wire() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 256);
        out.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (String[] h : headers) {
            // header values may hold any byte but CR/LF (Latin-1 carries them one to one): garbage, not framing
            out.writeBytes((h[0] + ": " + h[1].replace('\r', ' ').replace('\n', ' ') + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        if (body.length > 0 || method.equals("POST")) {
            out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Builds requests step by step; the generators decide the expectation last. */
    static final class Builder {
        private final String endpoint;
        private final String method;
        private final String target;
        private final List<String[]> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private final StringBuilder note = new StringBuilder();
        private boolean garbageHeader;

        Builder(String endpoint, String method, String target) {
            this.endpoint = endpoint;
            this.method = method;
            this.target = target;
        }

        Builder header(String name, String value) {
            if (value != null) {
                headers.add(new String[] {name, value});
            }
            return this;
        }

        Builder body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        byte[] body() {
            return body;
        }

        /** The first value of a header as set so far, or null. */
        String headerValue(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        Builder note(String what) {
            if (note.length() > 0) {
                note.append(", ");
            }
            note.append(what);
            return this;
        }

        /**
         * Marks a header as garbage: control characters or a size over the limit make the request no
         * longer well-formed HTTP, and the server's HTTP layer refuses it (400 {@code bad-request}, 431)
         * before any rule sees it. Such a request may be refused even when its body is valid; it may
         * still never be accepted when its body is not.
         */
        Builder garbageHeader(String name, String value) {
            garbageHeader = true;
            return header(name, value);
        }

        FuzzRequest expect(Expect expect) {
            return expectTaps(expect, -1);
        }

        FuzzRequest expectTaps(Expect expect, int accepted) {
            Expect e = garbageHeader && expect == Expect.ACCEPT ? Expect.EITHER : expect;
            return new FuzzRequest(endpoint, method, target, List.copyOf(headers), body, e, accepted, note.toString());
        }
    }
}
