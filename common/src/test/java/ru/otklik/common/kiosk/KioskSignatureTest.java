package ru.otklik.common.kiosk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KioskSignatureTest {

    private final String secret = KioskSignature.newSecret();
    private final byte[] body = "{\"taps\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signatureVerifiesOnlyForTheSameSecretTimeAndBody() {
        String sig = KioskSignature.sign(secret, 1_700_000_000L, body);
        assertTrue(KioskSignature.verify(secret, 1_700_000_000L, body, sig));
        assertFalse(KioskSignature.verify(secret, 1_700_000_001L, body, sig), "timestamp is signed");
        assertFalse(KioskSignature.verify(KioskSignature.newSecret(), 1_700_000_000L, body, sig), "other device");
        byte[] tampered = "{\"taps\":[1]}".getBytes(StandardCharsets.UTF_8);
        assertFalse(KioskSignature.verify(secret, 1_700_000_000L, tampered, sig), "body is signed");
        assertFalse(KioskSignature.verify(secret, 1_700_000_000L, body, null));
    }
}
