package io.promfleet.remediators;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.remediators.rules.PromqlScoper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromqlScoperTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "up == 0 | up{cluster=\"c2\"} == 0",
        "up{job=\"node\"} | up{cluster=\"c2\", job=\"node\"}",
        "{__name__=\"up\"} | {cluster=\"c2\", __name__=\"up\"}",
        "sum by (namespace) (rate(x_total[5m])) > 0 | sum by (namespace) (rate(x_total{cluster=\"c2\"}[5m])) > 0",
        "sum(rate(x[5m])) without (pod, instance) | sum(rate(x{cluster=\"c2\"}[5m])) without (pod, instance)",
        "a / on(instance) group_left(node) b | a{cluster=\"c2\"} / on(instance) group_left(node) b{cluster=\"c2\"}",
        "label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\") | label_replace(up{cluster=\"c2\"}, \"dst\", \"$1\", \"src\", \"(.*)\")",
        "up{cluster=\"other\"} | up{cluster=\"other\"}",
        "rate(x[5m] offset 1h) | rate(x{cluster=\"c2\"}[5m] offset 1h)",
        "max_over_time(up[1h:5m]) | max_over_time(up{cluster=\"c2\"}[1h:5m])",
        "vector(1) | vector(1)",
        "x > bool 0.5 and y | x{cluster=\"c2\"} > bool 0.5 and y{cluster=\"c2\"}",
    })
    void scopesEveryVectorSelectorAndNothingElse(String expr, String scoped) {
        assertThat(PromqlScoper.scope(expr, "cluster", "c2")).isEqualTo(scoped);
    }
}
