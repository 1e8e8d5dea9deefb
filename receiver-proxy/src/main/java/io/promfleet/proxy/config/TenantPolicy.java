package io.promfleet.proxy.config;

/**
 * Per-tenant enforcement of the identifying external label (for example {@code cluster="cluster-02"}).
 *
 * <p>A series carrying the label with another value is always rejected: that is one tenant writing
 * as another. A series without it is either given the label or rejected, per {@link OnMissing}.
 */
public record TenantPolicy(String labelName, String labelValue, OnMissing onMissing) {

    public enum OnMissing { ADD, REJECT }

    public TenantPolicy {
        ConfigChecks.required("tenancy.tenants.*.externalLabel.name", labelName);
        ConfigChecks.required("tenancy.tenants.*.externalLabel.value", labelValue);
        ConfigChecks.required("tenancy.tenants.*.externalLabel.onMissing", onMissing);
        if (labelName.isEmpty() || labelValue.isEmpty()) {
            throw new ConfigException("tenancy.tenants.*.externalLabel: name and value must not be empty");
        }
    }
}
