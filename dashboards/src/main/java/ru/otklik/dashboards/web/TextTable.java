package ru.otklik.dashboards.web;

import java.util.HashMap;
import java.util.Map;

/** One page family's texts, Russian (the default) and English; an unknown key is shown as itself. */
final class TextTable {

    private final Map<String, String[]> texts = new HashMap<>();

    void add(String key, String ru, String en) {
        texts.put(key, new String[] {ru, en});
    }

    String get(String key, String lang) {
        String[] t = texts.get(key);
        return t == null ? key : "en".equals(lang) ? t[1] : t[0];
    }

    String esc(String key, String lang) {
        return Html.esc(get(key, lang));
    }
}
