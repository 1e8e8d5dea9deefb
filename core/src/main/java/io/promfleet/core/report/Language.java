package io.promfleet.core.report;

import java.util.Locale;

/** The languages reports are written in. */
public enum Language {
    EN(Locale.ENGLISH),
    KO(Locale.KOREAN);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Language parse(String text) {
        for (Language language : values()) {
            if (language.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown language '" + text + "' (expected en or ko)");
    }

    /** The language of {@code locale}, English unless it is Korean. */
    public static Language of(Locale locale) {
        return locale.getLanguage().equals(Locale.KOREAN.getLanguage()) ? KO : EN;
    }
}
