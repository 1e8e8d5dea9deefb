package io.promfleet.proxy.validate;

/**
 * The validation rules, each with the stable id that appears in 400 bodies and in the {@code rule}
 * metric tag. Label rules follow the Remote-Write 1.0 spec, "Labels", and 2.0 spec, "Series Labels".
 */
public enum Rule {
    TOO_MANY_SERIES("too-many-series"),
    TOO_MANY_SAMPLES("too-many-samples"),
    TOO_MANY_LABELS("too-many-labels"),
    LABEL_NAME_EMPTY("label-name-empty"),
    LABEL_VALUE_EMPTY("label-value-empty"),
    LABEL_NAME_INVALID("label-name-invalid"),
    LABEL_NAME_TOO_LONG("label-name-too-long"),
    LABEL_VALUE_TOO_LONG("label-value-too-long"),
    LABEL_VALUE_INVALID_UTF8("label-value-invalid-utf8"),
    LABELS_UNSORTED("labels-unsorted"),
    LABEL_NAME_DUPLICATE("label-name-duplicate"),
    METRIC_NAME_MISSING("metric-name-missing"),
    METRIC_NAME_INVALID("metric-name-invalid"),
    TIMESTAMP_IN_FUTURE("timestamp-too-far-in-future"),
    TENANT_LABEL_MISSING("tenant-label-missing"),
    TENANT_LABEL_MISMATCH("tenant-label-mismatch"),
    // Exemplar labels: OpenMetrics 1.0, "Exemplars".
    EXEMPLAR_LABEL_NAME_INVALID("exemplar-label-name-invalid"),
    EXEMPLAR_LABEL_VALUE_INVALID_UTF8("exemplar-label-value-invalid-utf8"),
    EXEMPLAR_LABELS_TOO_LONG("exemplar-labels-too-long"),
    // Remote-Write 2.0 structure, checked while translating.
    SYMBOLS_FIRST_NOT_EMPTY("symbols-first-not-empty"),
    SYMBOL_REF_OUT_OF_RANGE("symbol-ref-out-of-range"),
    LABELS_REFS_ODD("labels-refs-odd"),
    SAMPLES_AND_HISTOGRAMS("samples-and-histograms");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
