package ru.otklik.dashboards.delivery;

/** How one attempt to deliver a message ended. */
public enum Delivered {
    /** The receiver took it. */
    YES,
    /** Not now (down, timed out, busy): try again later. */
    RETRY,
    /** Refused for good (a 4xx, an unknown address): trying again would not help. */
    REFUSED
}
