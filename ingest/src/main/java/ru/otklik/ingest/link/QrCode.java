package ru.otklik.ingest.link;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The QR code of a text: error correction M (survives a scuffed desk sticker, keeps the code
 * small) and the standard 4-module quiet zone, as SVG (print, poster) or PNG (messengers).
 */
public final class QrCode {

    static final int QUIET_ZONE = 4;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    private final BitMatrix matrix;

    private QrCode(BitMatrix matrix) {
        this.matrix = matrix;
    }

    public static QrCode of(String text) {
        try {
            // size 0: one pixel per module; scaling is the renderer's job
            return new QrCode(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code (" + text.length() + " chars)", e);
        }
    }

    /** Modules per side, quiet zone included. */
    public int size() {
        return matrix.getWidth();
    }

    /**
     * A scalable SVG: one path, each horizontal run of dark modules a rectangle, so the file stays
     * small and prints sharp at any size. {@code widthCss} sets the rendered width (e.g. "60mm").
     */
    public String svg(String widthCss) {
        int n = size();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < n; y++) {
            int x = 0;
            while (x < n) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < n && matrix.get(x, y)) {
                    x++;
                }
                int run = x - start;
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" width=\"" + widthCss
                + "\" height=\"" + widthCss + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">"
                + "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /** A PNG with {@code pixelsPerModule} pixels per module (8 gives ~400-500 px for a link). */
    public byte[] png(int pixelsPerModule) {
        if (pixelsPerModule < 1 || pixelsPerModule > 32) {
            throw new IllegalArgumentException("pixelsPerModule must be 1..32");
        }
        BitMatrix scaled = scale(pixelsPerModule);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(scaled, "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    private BitMatrix scale(int factor) {
        int n = size();
        BitMatrix scaled = new BitMatrix(n * factor);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (matrix.get(x, y)) {
                    scaled.setRegion(x * factor, y * factor, factor, factor);
                }
            }
        }
        return scaled;
    }
}
