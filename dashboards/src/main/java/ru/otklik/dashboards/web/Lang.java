package ru.otklik.dashboards.web;

import io.javalin.http.Context;

/** Page language: Russian by default; {@code ?lang=en|ru} switches and is remembered in a cookie. */
public final class Lang {

    public static final String COOKIE = "otklik_lang";

    private Lang() {
    }

    /** The language for this request; remembers an explicit {@code ?lang=} choice for later pages. */
    public static String resolve(Context ctx) {
        String requested = ctx.queryParam("lang");
        if (isKnown(requested)) {
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + requested + "; Path=/; Max-Age=31536000; SameSite=Lax");
            return requested;
        }
        String remembered = ctx.cookie(COOKIE);
        return isKnown(remembered) ? remembered : "ru";
    }

    private static boolean isKnown(String lang) {
        return "ru".equals(lang) || "en".equals(lang);
    }
}
