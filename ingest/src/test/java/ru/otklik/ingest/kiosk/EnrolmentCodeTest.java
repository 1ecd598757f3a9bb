package ru.otklik.ingest.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrolmentCodeTest {

    @Test
    void aCodeIsSixteenCrockfordCharactersInGroupsOfFour() {
        for (int i = 0; i < 200; i++) {
            String code = EnrolmentCode.newCode();
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), code);
        }
    }

    @Test
    void codesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(EnrolmentCode.newCode()), "80 random bits do not collide in ten thousand draws");
        }
    }

    @Test
    void matchingForgivesCaseHyphensSpacesAndLookAlikes() {
        String code = "ABCD-EFGH-JKMN-PQ01";
        String canonical = EnrolmentCode.normalised(code).orElseThrow();
        assertEquals("ABCDEFGHJKMNPQ01", canonical);
        for (String typed : new String[]{"abcd-efgh-jkmn-pq01", "ABCDEFGHJKMNPQ01", "abcd efgh jkmn pqoi",
                "ABCD-EFGH-JKMN-PQOL"}) {
            assertEquals(Optional.of(canonical), EnrolmentCode.normalised(typed), typed);
        }
        assertEquals(EnrolmentCode.hash(canonical), EnrolmentCode.hash(EnrolmentCode.normalised("abcdefghjkmnpq01")
                .orElseThrow()));
    }

    @Test
    void whatCannotBeACodeIsRefused() {
        for (String typed : new String[]{"", "ABCD-EFGH-JKMN-PQR", "ABCD-EFGH-JKMN-PQRST", "ABCD-EFGH-JKMN-PQRU",
                "ABCD_EFGH_JKMN_PQRS", "АБВГ-EFGH-JKMN-PQRS"}) {
            assertEquals(Optional.empty(), EnrolmentCode.normalised(typed), typed);
        }
        assertEquals(Optional.empty(), EnrolmentCode.normalised(null));
    }

    @Test
    void theHashIsSha256HexAndDiffersPerCode() {
        String a = EnrolmentCode.hash("ABCDEFGHJKMNPQ01");
        assertTrue(a.matches("[0-9a-f]{64}"), a);
        assertNotEquals(a, EnrolmentCode.hash("ABCDEFGHJKMNPQ02"));
        assertTrue(!a.contains("ABCD"), "not the code itself");
    }
}
