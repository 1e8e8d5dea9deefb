package io.promfleet.cli;

import io.promfleet.api.model.PromDuration;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --check-timeout}: how long an extension's call may run, for {@code audit} and {@code plan} alike. */
public final class CheckTimeoutOption {

    @Option(names = "--check-timeout", paramLabel = "DURATION",
            description = "How long one check may run (e.g. 30s, 2m) before it is abandoned and reported as a "
                    + "coverage gap, and one remediator's planning before it is abandoned and reported as a plan "
                    + "problem. Default: conf/promfleet.properties' check.timeout, else 60s.")
    private String checkTimeout;

    /**
     * The flag's value, else {@code conf}'s {@link Conf#CHECK_TIMEOUT}, else 60 s.
     *
     * @throws CommandLine.ParameterException naming the flag when the value is not a duration of more than 0s
     */
    public Duration resolve(CommandLine.Model.CommandSpec spec, Map<String, String> conf) {
        Duration timeout = OptionValues.parse(spec, () -> PromDuration.parse(checkTimeout != null ? checkTimeout
                : conf.getOrDefault(Conf.CHECK_TIMEOUT, "60s")), "--check-timeout");
        if (timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--check-timeout: must be more than 0s");
        }
        return timeout;
    }
}
