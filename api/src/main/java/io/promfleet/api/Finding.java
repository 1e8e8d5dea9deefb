package io.promfleet.api;

import io.promfleet.api.model.KubeObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One problem an inspector found.
 *
 * @param check       the id of the check that found it, e.g. {@code remote-write-unresolvable}
 * @param severity    how urgent it is
 * @param cluster     the cluster it is in, or {@code null} for a fleet-level finding
 * @param namespace   the namespace of the object at fault, or {@code null}
 * @param kind        the Kubernetes kind of the object at fault, or {@code null}
 * @param name        the name of the object at fault, or {@code null}
 * @param message     what is wrong and what it costs, in one or two sentences
 * @param remediation what to do about it
 * @param evidence    the facts the finding rests on, in the order they were recorded (never a secret value)
 *
 * <p>Stability: the accessors and the {@link Builder} are stable; build findings through the builder, since
 * the canonical constructor gains a parameter whenever a field is added.
 */
@Stable(since = "0.1")
public record Finding(
        String check,
        Severity severity,
        String cluster,
        String namespace,
        String kind,
        String name,
        String message,
        String remediation,
        Map<String, String> evidence) {

    public Finding {
        requireText(check, "check");
        Objects.requireNonNull(severity, "severity");
        requireText(message, "message");
        remediation = remediation == null ? "" : remediation;
        evidence = evidence == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Finding." + field + " must not be blank");
        }
    }

    /** Starts a finding of {@code check} at {@code severity}. */
    public static Builder builder(String check, Severity severity) {
        return new Builder(check, severity);
    }

    /** A fleet-level finding has no cluster. */
    public boolean isFleetLevel() {
        return cluster == null;
    }

    /** Builds a {@link Finding} step by step; inspectors get one from their context. */
    public static final class Builder {
        private final String check;
        private Severity severity;
        private String cluster;
        private String namespace;
        private String kind;
        private String name;
        private String message;
        private String remediation;
        private final Map<String, String> evidence = new LinkedHashMap<>();

        private Builder(String check, Severity severity) {
            this.check = check;
            this.severity = severity;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        /** Points the finding at {@code object}: its namespace, kind and name. */
        public Builder object(KubeObject object) {
            this.namespace = object.namespace();
            this.kind = object.kind();
            this.name = object.name();
            return this;
        }

        public Builder object(String namespace, String kind, String name) {
            this.namespace = namespace;
            this.kind = kind;
            this.name = name;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder remediation(String remediation) {
            this.remediation = remediation;
            return this;
        }

        /** Records one fact; a {@code null} value is skipped so callers need not test for it. */
        public Builder evidence(String key, Object value) {
            if (value != null) {
                evidence.put(key, String.valueOf(value));
            }
            return this;
        }

        public Finding build() {
            return new Finding(check, severity, cluster, namespace, kind, name, message, remediation, evidence);
        }
    }
}
