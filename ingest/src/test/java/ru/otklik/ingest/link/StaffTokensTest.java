package ru.otklik.ingest.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaffTokensTest {

    private static final String ANNA = "anna-0123456789abcdef";
    private static final String BORIS = "boris-0123456789abcdef";

    @Test
    void theRightBearerNamesItsOwner() {
        StaffTokens staff = StaffTokens.parse("anna:" + ANNA + ", boris:" + BORIS);
        assertEquals(Optional.of("anna"), staff.authenticate("Bearer " + ANNA));
        assertEquals(Optional.of("boris"), staff.authenticate("bearer " + BORIS));
    }

    @Test
    void anythingElseIsNobody() {
        StaffTokens staff = StaffTokens.parse("anna:" + ANNA);
        assertTrue(staff.authenticate(null).isEmpty());
        assertTrue(staff.authenticate("").isEmpty());
        assertTrue(staff.authenticate(ANNA).isEmpty(), "no scheme");
        assertTrue(staff.authenticate("Basic " + ANNA).isEmpty());
        assertTrue(staff.authenticate("Bearer " + ANNA + "x").isEmpty());
        assertTrue(staff.authenticate("Bearer " + ANNA.substring(1)).isEmpty());
        assertTrue(staff.authenticate("Bearer ").isEmpty());
    }

    @Test
    void withNoTokensConfiguredNobodyGetsIn() {
        StaffTokens none = StaffTokens.parse("");
        assertTrue(none.isEmpty());
        assertTrue(none.authenticate("Bearer ").isEmpty());
        assertTrue(none.authenticate("Bearer " + ANNA).isEmpty());
    }

    @Test
    void badSpecsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StaffTokens.parse("anna"));
        assertThrows(IllegalArgumentException.class, () -> StaffTokens.parse("anna:short"));
        assertThrows(IllegalArgumentException.class, () -> StaffTokens.parse("an na:" + ANNA));
    }

    @Test
    void toStringNamesStaffButNotTokens() {
        String text = StaffTokens.parse("anna:" + ANNA).toString();
        assertTrue(text.contains("anna"));
        assertFalse(text.contains(ANNA));
    }
}
