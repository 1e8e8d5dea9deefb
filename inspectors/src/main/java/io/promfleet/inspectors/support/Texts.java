package io.promfleet.inspectors.support;

import io.promfleet.api.InspectionContext;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The built-in checks' finding texts in the audit's language ({@link InspectionContext#locale()}), from
 * {@code io/promfleet/inspectors/messages*.properties} on this plugin's own class loader — the way a
 * third-party plugin keeps its texts. English is the base bundle, so a language without a bundle reads
 * English.
 *
 * <p>Placeholders {@code {0}}, {@code {1}}… are replaced by the arguments as they are, not through
 * {@link java.text.MessageFormat}: the texts are full of shell commands with quotes and braces, and numbers
 * must read exactly as the evidence writes them.
 */
public final class Texts {

    /** The bundle's base name; tests compare its languages' keys. */
    public static final String BUNDLE = "io.promfleet.inspectors.messages";

    private final ResourceBundle bundle;

    private Texts(Locale locale) {
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Texts of(InspectionContext context) {
        return of(context.locale());
    }

    public static Texts of(Locale locale) {
        return new Texts(locale);
    }

    /**
     * The text of {@code key} with its placeholders replaced.
     *
     * @throws MissingResourceException when the key is in no bundle: a bug the bundle tests catch
     */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && pattern.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(pattern.substring(i + 1, close));
                out.append(index < args.length ? String.valueOf(args[index]) : pattern.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
