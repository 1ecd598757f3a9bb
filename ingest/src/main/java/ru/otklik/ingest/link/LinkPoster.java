package ru.otklik.ingest.link;

import ru.otklik.common.office.Office;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * A printable A5 poster for a desk or a wall: office, survey title, the QR code as inline SVG and
 * short instructions in Russian and English. Self-contained (no external CSS, fonts or images) so
 * it prints the same offline and passes a strict Content-Security-Policy.
 */
public final class LinkPoster {

    private LinkPoster() {
    }

    public static String html(Office office, SurveyDefinition survey, String url) {
        String titleRu = escape(survey.title().ru());
        String titleEn = escape(survey.title().in("en"));
        return """
                <!DOCTYPE html>
                <html lang="ru">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s — %s</title>
                <style>
                @page { size: A5; margin: 10mm; }
                html, body { margin: 0; font-family: "PT Sans", Arial, sans-serif; color: #111; }
                .poster { max-width: 128mm; margin: 0 auto; text-align: center; }
                h1 { font-size: 18pt; margin: 4mm 0 2mm; }
                .office { font-size: 13pt; margin: 0; }
                .region { font-size: 10pt; color: #555; margin: 1mm 0 4mm; }
                .qr svg { display: block; margin: 0 auto; }
                .ru { font-size: 12pt; margin: 4mm 0 1mm; }
                .en { font-size: 9pt; color: #555; margin: 0; }
                .note { font-size: 8pt; color: #777; margin-top: 4mm; }
                </style>
                </head>
                <body>
                <main class="poster">
                <h1>%s</h1>
                <p class="office">%s</p>
                <p class="region">%s</p>
                <div class="qr">%s</div>
                <p class="ru">Наведите камеру телефона на QR-код и ответьте на несколько вопросов о вашем визите. \
                Это займёт 2–3 минуты, опрос анонимный.</p>
                <p class="en" lang="en">Point your phone camera at the QR code and answer a few questions \
                about your visit (%s). It takes 2–3 minutes and is anonymous.</p>
                <p class="note">Спасибо! Ваше мнение помогает нам стать лучше.</p>
                </main>
                </body>
                </html>
                """.formatted(titleRu, escape(office.name()), titleRu, escape(office.name()),
                escape(office.regionName()), QrCode.of(url).svg("70mm"), titleEn);
    }

    static String escape(String text) {
        return ru.otklik.ingest.http.HtmlText.escape(text);
    }
}
