package io.promfleet.cli.apply;

import io.promfleet.cli.OptionValues;
import io.promfleet.core.report.Language;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --lang}: the language {@code apply} and {@code rollback} tell their progress and result in. */
public final class ApplyLanguageOption {

    @Option(names = "--lang", paramLabel = "en|ko",
            description = "Language of the progress and result lines (the journal stays English). Default: the "
                    + "system locale's (Korean for ko, English otherwise).")
    private String lang;

    /** @throws CommandLine.ParameterException naming {@code --lang} for a language promfleet does not write */
    public Locale resolve(CommandLine.Model.CommandSpec spec) {
        Language language = lang == null ? Language.of(Locale.getDefault())
                : OptionValues.parse(spec, () -> Language.parse(lang), "--lang");
        return language.locale();
    }
}
