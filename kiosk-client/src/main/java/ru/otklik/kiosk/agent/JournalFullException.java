package ru.otklik.kiosk.agent;

import java.io.IOException;

/** The unsent backlog reached its hard cap: the tap is refused (and the UI told), never dropped silently. */
public final class JournalFullException extends IOException {

    public JournalFullException(String message) {
        super(message);
    }
}
