package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void portsTakenTogetherAreAllDifferent() {
        for (int round = 0; round < 20; round++) {
            int[] ports = Ports.free(40);
            assertEquals(40, Arrays.stream(ports).distinct().count(), Arrays.toString(ports));
            assertTrue(Arrays.stream(ports).allMatch(p -> p > 0 && p < 65536), Arrays.toString(ports));
        }
    }
}
