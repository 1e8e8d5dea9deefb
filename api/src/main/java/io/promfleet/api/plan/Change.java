package io.promfleet.api.plan;

import io.promfleet.api.Experimental;

/**
 * What one action changes: a Kubernetes object ({@link ObjectChange}) or the values of a Helm release
 * ({@link HelmValuesChange}), or a request to a
 * component's own API ({@link ApiRequest}, e.g. a TSDB snapshot). Sealed, so that whatever applies or renders a plan handles every kind.
 */
@Experimental(since = "0.1")
public sealed interface Change permits ObjectChange, HelmValuesChange, ApiRequest {

    /** The cluster the change is made in. */
    String cluster();

    /** One line naming what changes, e.g. {@code patch ConfigMap/monitoring/prometheus-agent-config}. */
    String summary();
}
