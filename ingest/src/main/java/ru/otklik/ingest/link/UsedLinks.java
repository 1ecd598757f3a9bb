package ru.otklik.ingest.link;

/**
 * Which single-use links have been spent. The web questionnaire (a later task) calls
 * {@link #markUsed} once per accepted response; the first call wins.
 */
public interface UsedLinks {

    /** Records the link as used; false when it already was (the response must then be refused). */
    boolean markUsed(String linkId);

    boolean isUsed(String linkId);
}
