package io.promfleet.core.apply;

import io.promfleet.api.Experimental;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * What {@code apply} and {@code rollback} tell the person running them (log lines, the reason a run ended, the
 * CLI's summary), from {@code messages*.properties} beside this class. The journal is not written from here: it
 * stays English, for {@link JournalReader} and for whoever reads it later.
 */
@Experimental
public final class ApplyTexts {

    static final ApplyTexts ENGLISH = new ApplyTexts(Locale.ENGLISH);

    private final ResourceBundle bundle;
    private final Locale locale;

    public ApplyTexts(Locale locale) {
        this.locale = Objects.requireNonNull(locale, "locale");
        // No fallback to the JVM's default locale: a Korean machine asked for English must get English.
        this.bundle = ResourceBundle.getBundle("io.promfleet.core.apply.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() {
        return locale;
    }

    /** The text of {@code key} with {@code args}; each argument as {@code String.valueOf} writes it. */
    public String get(String key, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            // MessageFormat would group a number's digits by the locale ("journal line 1,024"): not what apply wrote.
            texts[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(bundle.getString(key), locale).format(texts);
    }
}
