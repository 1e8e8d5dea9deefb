package io.promfleet.cli;

import io.promfleet.core.InputException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns input errors into one clear line on stderr and exit code 2. Anything else is a bug: it is
 * shown with its stack trace so it can be reported.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        if (e instanceof InputException || e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
            cli.getErr().println("promfleet: error: " + e.getMessage());
            return PromfleetCommand.EXIT_INPUT_ERROR;
        }
        cli.getErr().println("promfleet: internal error (please report it): " + e);
        e.printStackTrace(cli.getErr());
        return 3;
    }
}
