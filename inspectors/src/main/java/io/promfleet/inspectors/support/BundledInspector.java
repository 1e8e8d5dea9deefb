package io.promfleet.inspectors.support;

import io.promfleet.api.Inspector;
import java.util.Locale;

/**
 * A built-in check whose description, like its findings' texts, lives in this plugin's bundle under
 * {@code check.<id>}: English in {@link #description()}, the report's language in
 * {@link #description(Locale)}. Keeping the sentence out of the class leaves one place to edit it and lets
 * the bundle test see every check's description in both languages.
 */
public interface BundledInspector extends Inspector {

    @Override
    default String description() {
        return description(Locale.ENGLISH);
    }

    @Override
    default String description(Locale locale) {
        return Texts.of(locale).get(descriptionKey(id()));
    }

    /** The bundle key of a check's description. */
    static String descriptionKey(String check) {
        return "check." + check;
    }
}
