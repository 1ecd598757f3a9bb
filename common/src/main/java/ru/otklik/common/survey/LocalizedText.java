package ru.otklik.common.survey;

/** A text in Russian (the default) and English. */
public record LocalizedText(String ru, String en) {

    public String in(String language) {
        return "en".equals(language) && en != null ? en : ru;
    }
}
