package io.promfleet.remediators.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrometheusYamlTest {

    @Test
    void addsTheLabelUnderExistingExternalLabels() {
        String config = "global:\n  scrape_interval: 30s\n  external_labels:\n    region: eu\n# kept\nscrape_configs: []\n";
        assertThat(PrometheusYaml.addExternalLabel(config, "cluster", "c2")).isEqualTo(
                "global:\n  scrape_interval: 30s\n  external_labels:\n    cluster: c2\n    region: eu\n# kept\nscrape_configs: []\n");
    }

    @Test
    void createsExternalLabelsUnderGlobalOrGlobalItself() {
        assertThat(PrometheusYaml.addExternalLabel("global:\n  scrape_interval: 30s\n", "cluster", "c2"))
                .isEqualTo("global:\n  external_labels:\n    cluster: c2\n  scrape_interval: 30s\n");
        assertThat(PrometheusYaml.addExternalLabel("scrape_configs: []\n", "cluster", "c2"))
                .isEqualTo("global:\n  external_labels:\n    cluster: c2\nscrape_configs: []\n");
    }

    @Test
    void replacesOnlyTheOldUrls() {
        String config = "remote_write:\n  - url: http://old:19291/api/v1/receive\n  - url: http://other/write\n";
        assertThat(PrometheusYaml.replaceUrls(config, Set.of("http://old:19291/api/v1/receive"), "http://new/api/v1/receive"))
                .isEqualTo("remote_write:\n  - url: http://new/api/v1/receive\n  - url: http://other/write\n");
    }
}
