package ru.otklik.common.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfficeNetworksTest {

    private static final OfficeDirectory PILOT = OfficeDirectory.pilot();

    @Test
    void anAddressIsInItsOfficesRangesOrNotAndAnOfficeWithoutRangesIsUnknown() {
        OfficeNetworks n = OfficeNetworks.parse("BRY-01=10.1.0.0/16, 192.0.2.0/28; BRY-02=2001:db8:a::/48", PILOT);
        assertEquals(2, n.offices());
        assertEquals(Optional.of(true), n.contains("BRY-01", "10.1.255.7"));
        assertEquals(Optional.of(true), n.contains("BRY-01", "192.0.2.15"));
        assertEquals(Optional.of(false), n.contains("BRY-01", "192.0.2.16"), "just outside the /28");
        assertEquals(Optional.of(false), n.contains("BRY-01", "10.2.0.1"), "another office's kind of address");
        assertEquals(Optional.of(true), n.contains("BRY-02", "2001:db8:a:ff::1"));
        assertEquals(Optional.of(false), n.contains("BRY-02", "10.1.0.1"));
        assertEquals(Optional.of(false), n.contains("BRY-01", "not-an-address"));
        assertEquals(Optional.empty(), n.contains("KLU-01", "10.1.0.1"), "no ranges configured: nothing known");
        assertTrue(OfficeNetworks.parse(" ", PILOT).isEmpty());
    }

    @Test
    void aMistakeNamesWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OfficeNetworks.parse("XXX-99=10.0.0.0/8", PILOT))
                .getMessage().contains("XXX-99"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OfficeNetworks.parse("BRY-01=10.0.0.0/33", PILOT))
                .getMessage().contains("10.0.0.0/33"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OfficeNetworks.parse("BRY-01 10.0.0.0/8", PILOT))
                .getMessage().contains("OFFICE=cidr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OfficeNetworks.parse("BRY-01=", PILOT))
                .getMessage().contains("no address range"));
    }
}
