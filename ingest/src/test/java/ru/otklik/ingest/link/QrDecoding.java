package ru.otklik.ingest.link;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads our QR codes back the way a phone would: from pixels, with ZXing's decoder. */
final class QrDecoding {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    private QrDecoding() {
    }

    static Result decodePng(byte[] png) throws IOException, NotFoundException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new IOException("not a PNG");
        }
        return decode(image);
    }

    /**
     * Rasterises the SVG the way a browser would draw it (only the shapes {@link QrCode} emits:
     * a white background and one path of module runs), then decodes the pixels.
     */
    static Result decodeSvg(String svg) throws NotFoundException {
        Matcher box = VIEW_BOX.matcher(svg);
        if (!box.find()) {
            throw new IllegalArgumentException("no viewBox in " + svg);
        }
        int modules = Integer.parseInt(box.group(1));
        int scale = 6;
        BufferedImage image = new BufferedImage(modules * scale, modules * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        String d = svg.substring(svg.indexOf(" d=\"") + 4, svg.indexOf('"', svg.indexOf(" d=\"") + 4));
        Matcher run = RUN.matcher(d);
        int drawn = 0;
        while (run.find()) {
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int w = Integer.parseInt(run.group(3));
            g.fillRect(x * scale, y * scale, w * scale, scale);
            drawn += run.group().length();
        }
        g.dispose();
        if (drawn != d.length()) {
            throw new IllegalArgumentException("path has commands the rasteriser does not know");
        }
        return decode(image);
    }

    static String errorCorrection(Result result) {
        return String.valueOf(result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
    }

    private static Result decode(BufferedImage image) throws NotFoundException {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE,
                DecodeHintType.TRY_HARDER, Boolean.TRUE));
    }
}
