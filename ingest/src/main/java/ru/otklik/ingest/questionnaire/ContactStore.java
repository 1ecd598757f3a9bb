package ru.otklik.ingest.questionnaire;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the optional e-mail of a respondent goes. It is personal data: it is kept apart from the
 * analytics path (never in Kafka, never in ClickHouse) and linked to the response only by its id,
 * so a response with a contact can be trusted more without the analytics knowing who answered.
 */
public interface ContactStore {

    /** Keeps the contact; throws {@link java.io.UncheckedIOException} when it could not. */
    void save(Contact contact);

    /** One respondent's consent to be contacted about one response. */
    record Contact(String responseId, String officeCode, String email, Instant at) {

        public Contact {
            Objects.requireNonNull(responseId, "responseId");
            Objects.requireNonNull(officeCode, "officeCode");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(at, "at");
        }

        /** The address never reaches logs. */
        @Override
        public String toString() {
            return "Contact[responseId=" + responseId + ", officeCode=" + officeCode + ", email=***, at=" + at + "]";
        }
    }
}
