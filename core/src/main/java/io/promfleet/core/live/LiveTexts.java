package io.promfleet.core.live;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The texts of live mode's own findings, from {@code messages*.properties} beside this class. */
final class LiveTexts {

    private final ResourceBundle bundle;
    private final Locale locale;

    LiveTexts(Locale locale) {
        this.locale = locale;
        // No fallback to the JVM's default locale: a Korean machine asked for English must get English.
        this.bundle = ResourceBundle.getBundle("io.promfleet.core.live.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String get(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }
}
