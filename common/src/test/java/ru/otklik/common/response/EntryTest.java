package ru.otklik.common.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntryTest {

    @Test
    void eachDoorAdmitsOnlyItsOwnChannelAndTheKioskSurveyOnlyFromKiosks() {
        assertTrue(Entry.PUBLIC_API.admits(Channel.LINK, "jc-seeker"));
        assertFalse(Entry.PUBLIC_API.admits(Channel.KIOSK, "kiosk-quick"));
        assertFalse(Entry.PUBLIC_API.admits(Channel.LINK, "kiosk-quick"));
        assertFalse(Entry.PUBLIC_API.admits(Channel.PAPER, "jc-seeker"));
        assertFalse(Entry.PUBLIC_API.admits(Channel.RATER360, "pulse"));
        assertTrue(Entry.KIOSK_BATCH.admits(Channel.KIOSK, "kiosk-quick"));
        assertFalse(Entry.KIOSK_BATCH.admits(Channel.KIOSK, "jc-seeker"));
        assertTrue(Entry.STAFF_PAPER.admits(Channel.PAPER, "jc-employer"));
        assertFalse(Entry.STAFF_PAPER.admits(Channel.LINK, "jc-employer"));
    }

    @Test
    void codesAreExact() {
        assertEquals(Entry.KIOSK_BATCH, Entry.fromCode("kiosk"));
        assertThrows(IllegalArgumentException.class, () -> Entry.fromCode("KIOSK"));
    }
}
