package ru.otklik.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports: a free one for tests, a check that a fixed one is still free. */
final class Ports {

    private Ports() {
    }

    /** A port the kernel just handed out on 127.0.0.1; racy by nature, callers retry on a bind clash. */
    static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    /**
     * {@code n} different free ports: the sockets are held open together while the kernel hands them
     * out, so it cannot give the same one twice (two calls of {@link #free()} can: a port closed a
     * moment ago is free again — seen once under load, a broker and its controller on one port).
     */
    static int[] free(int n) {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket();
                sockets[i].setReuseAddress(false);
                sockets[i].bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find " + n + " free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing a listening socket we just bound
                    }
                }
            }
        }
    }

    /** What a server starts with on the ports it is given. */
    @FunctionalInterface
    interface Start<T> {
        T on(int[] ports);
    }

    /**
     * Starts {@code server} on {@code count} different free ports, and again on new ones (three tries
     * in all) when a port was snatched between choosing and binding — the start's error then says
     * "already in use"; any other failure is thrown at once.
     */
    static <T> T startOnFree(String server, int count, Start<T> start) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return start.on(free(count));
            } catch (RuntimeException e) {
                if (e.getMessage() == null || !e.getMessage().contains("already in use")) {
                    throw e;
                }
                org.apache.logging.log4j.LogManager.getLogger(Ports.class).warn(
                        "event={}_port_clash attempt={} action=retry_with_new_ports", server, attempt);
                last = e;
            }
        }
        throw last;
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(String what, int port) {
        if (!isFree(port)) {
            throw new IllegalStateException(what + " port " + port + " on 127.0.0.1 is already in use"
                    + " (is an earlier run still alive? stop it, or choose another port)");
        }
    }
}
