package io.promfleet.proxy.tenant;

import io.promfleet.proxy.config.TenantPolicy;
import io.promfleet.proxy.validate.RequiredLabel;
import java.util.HashMap;
import java.util.Map;

/** Per-tenant {@link RequiredLabel}s, built once from the configuration so the hot path only looks them up. */
public final class TenantPolicies {

    private final Map<String, RequiredLabel> byTenant = new HashMap<>();

    public TenantPolicies(Map<String, TenantPolicy> policies) {
        policies.forEach((tenant, p) -> byTenant.put(tenant,
                new RequiredLabel(p.labelName(), p.labelValue(), p.onMissing() == TenantPolicy.OnMissing.ADD)));
    }

    /** @return the tenant's required label, or {@code null} when it has no policy */
    public RequiredLabel requiredLabel(String tenant) {
        return byTenant.get(tenant);
    }
}
