package io.promfleet.core.live;

import io.promfleet.api.Finding;
import io.promfleet.api.Severity;
import java.util.Locale;

/** The findings live mode itself reports, in the report's language. */
public final class LiveFindings {

    /** A cluster of the fleet that could not be read: nothing is known of it. */
    public static final String CLUSTER_UNREACHABLE = "cluster-unreachable";

    /** {@code --probe}: an edge's remote-write endpoint does not answer from the edge, and no check said why. */
    public static final String REMOTE_WRITE_UNREACHABLE = "remote-write-unreachable";

    private LiveFindings() {}

    /**
     * High, not critical: nothing is known to be broken, but nothing on the cluster was checked, and a
     * fleet-wide check (the central's Receive, duplicate external labels) may have judged without it.
     */
    public static Finding clusterUnreachable(ClusterFailure failure, Locale locale) {
        LiveTexts texts = new LiveTexts(locale);
        String reason = failure.reason().id();
        return Finding.builder(CLUSTER_UNREACHABLE, Severity.HIGH)
                .cluster(failure.cluster())
                .message(texts.get("cluster-unreachable.message", failure.cluster(), failure.context(),
                        texts.get("reason." + reason)))
                .remediation(texts.get("cluster-unreachable.remediation", failure.cluster(), failure.context(),
                        reason, texts.get("fix." + reason)))
                .evidence("reason", reason)
                .evidence("context", failure.context())
                .evidence("httpStatus", failure.status() > 0 ? failure.status() : null)
                .evidence("error", failure.detail())
                .build();
    }
}
