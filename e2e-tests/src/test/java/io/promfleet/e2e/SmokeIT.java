package io.promfleet.e2e;

import io.promfleet.e2e.harness.Pipeline;
import io.promfleet.e2e.harness.PipelineExtension;
import io.promfleet.e2e.harness.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeIT {
    @RegisterExtension
    static final PipelineExtension PIPELINE = PipelineExtension.of(PipelineSpec.edges(1));

    @Test
    void smoke(Pipeline p) throws Exception {
        Thread.sleep(15000);
        System.out.println(p.query().query("promfleet_e2e_scrapes_total[1m]"));
        System.out.println(p.proxyMetrics().lines("promfleet_proxy_requests_total"));
        System.out.println(p.diagnostics());
    }
}
