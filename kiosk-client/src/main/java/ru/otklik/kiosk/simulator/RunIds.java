package ru.otklik.kiosk.simulator;

import java.security.SecureRandom;

/** Run ids: 8 random base-36 characters, e.g. {@code sim7k2q9xa}; a new one per run unless given. */
final class RunIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private RunIds() {
    }

    static String random() {
        StringBuilder id = new StringBuilder("sim");
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
