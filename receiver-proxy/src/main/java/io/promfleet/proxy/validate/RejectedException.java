package io.promfleet.proxy.validate;

/**
 * A request that decodes fine but breaks a rule: answered with 400, the body naming the first offending
 * series and the rule. The spec forbids a 2xx when any sample was not written, so one bad series
 * rejects the whole request. No stack trace: it is a verdict, not a bug.
 */
public final class RejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Rule rule;

    public RejectedException(Rule rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public static RejectedException forSeries(Rule rule, int seriesIndex, String series, String detail) {
        return new RejectedException(rule, "series " + seriesIndex + " " + series + ": rule " + rule.id() + ": " + detail);
    }

    public Rule rule() {
        return rule;
    }
}
