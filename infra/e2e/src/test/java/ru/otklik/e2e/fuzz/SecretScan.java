package ru.otklik.e2e.fuzz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds any of tens of thousands of secrets in megabytes of log text in one pass: every secret is
 * looked for by its first {@value #PREFIX} characters (a line that cut a secret short would still leak
 * it), with a rolling hash over the text and an exact comparison on a hash hit.
 */
final class SecretScan {

    static final int PREFIX = 12;
    private static final long BASE = 1_000_003L;

    private SecretScan() {
    }

    /** The secrets (shown by their first four characters only) whose prefix occurs in {@code text}. */
    static List<String> leaked(String text, Collection<String> secrets) {
        Map<Long, List<String>> byHash = new HashMap<>();
        for (String s : secrets) {
            if (s != null && s.length() >= PREFIX) {
                String prefix = s.substring(0, PREFIX);
                byHash.computeIfAbsent(hash(prefix), h -> new ArrayList<>(1)).add(prefix);
            }
        }
        long power = 1;
        for (int i = 1; i < PREFIX; i++) {
            power *= BASE;
        }
        List<String> found = new ArrayList<>();
        long h = 0;
        for (int i = 0; i < text.length(); i++) {
            if (i >= PREFIX) {
                h -= text.charAt(i - PREFIX) * power;
            }
            h = h * BASE + text.charAt(i);
            if (i >= PREFIX - 1) {
                List<String> candidates = byHash.get(h);
                if (candidates != null) {
                    for (String c : candidates) {
                        if (text.startsWith(c, i - PREFIX + 1) && !found.contains(c.substring(0, 4) + "…")) {
                            found.add(c.substring(0, 4) + "…");
                        }
                    }
                }
            }
        }
        return found;
    }

    private static long hash(String s) {
        long h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }
}
