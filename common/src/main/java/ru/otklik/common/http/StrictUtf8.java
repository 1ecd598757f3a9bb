package ru.otklik.common.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as RFC 3629 defines it, nothing more: invalid bytes, overlong encodings ({@code C0 AF} for
 * "/") and encoded surrogates ({@code ED A0 80}) are refused instead of being replaced or passed on,
 * and so are lone surrogates that reached a string another way (a JSON {@code \ud800} escape). A
 * lenient decoder lets two different byte strings mean the same text, which defeats every later check
 * that compares text; a lone surrogate breaks whoever encodes the text again (Kafka, ClickHouse).
 */
public final class StrictUtf8 {

    public static final String RULE = "utf-8";

    private StrictUtf8() {
    }

    /** The text of {@code bytes}, or {@link MalformedInput} with rule {@code utf-8} and the byte offset. */
    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public static String decode(byte[] bytes, int offset, int length) {
        // the JDK's decoder refuses overlong forms and encoded surrogates; REPORT makes it say so
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedInput(RULE, "not valid UTF-8 at byte " + (in.position() - offset));
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new MalformedInput(RULE, "not valid UTF-8 at byte " + (in.position() - offset));
        }
        out.flip();
        return out.toString();
    }

    /** Whether {@code bytes} are strict UTF-8 (see {@link #decode}). */
    public static boolean isValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The index of the first surrogate without its pair in {@code text}, or -1 when there is none. */
    public static int loneSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
