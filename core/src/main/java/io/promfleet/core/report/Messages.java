package io.promfleet.core.report;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The report texts of one language, from {@code messages*.properties} beside this class. */
final class Messages {

    private final ResourceBundle bundle;
    private final Language language;

    Messages(Language language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle("io.promfleet.core.report.messages", language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, language.locale()).format(args);
    }
}
