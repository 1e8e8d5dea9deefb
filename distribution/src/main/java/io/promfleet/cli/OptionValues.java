package io.promfleet.cli;

import java.util.function.Supplier;
import picocli.CommandLine;

/** Turns a flag value that a domain parser refuses into picocli's usage error (exit 2) naming the flag. */
public final class OptionValues {

    private OptionValues() {}

    /**
     * The value {@code parser} makes of a flag.
     *
     * @throws CommandLine.ParameterException naming {@code option} when the parser throws IllegalArgumentException
     */
    public static <T> T parse(CommandLine.Model.CommandSpec spec, Supplier<T> parser, String option) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
