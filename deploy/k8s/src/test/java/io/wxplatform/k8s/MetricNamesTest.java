package io.wxplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PromQL reading AlertRulesTest relies on. */
class MetricNamesTest {

    @Test
    void findsMetricsButNotFunctionsLabelsOrKeywords() {
        assertThat(AlertRulesTest.metricNames(
                        "histogram_quantile(0.99, sum by (le) (rate(wx_callback_latency_seconds_bucket[5m]))) > 3"))
                .containsExactly("wx_callback_latency_seconds_bucket");
        assertThat(AlertRulesTest.metricNames("sum(a_total{result!=\"OK\"}) / sum(b_total) > 0.1 and on(x) c"))
                .containsExactly("a_total", "b_total", "c");
        assertThat(AlertRulesTest.metricNames("sum by (topic) (increase(k{topic=~\".+\\\\.dlq\"}[10m])) > 0"))
                .containsExactly("k");
    }

    @Test
    void namesMetersTheWayMicrometersPrometheusRegistryDoes() {
        assertThat(AlertRulesTest.forms("Counter", "wx.callback.received", null))
                .containsExactly("wx_callback_received_total");
        assertThat(AlertRulesTest.forms("Gauge", "wx.callback.outbox.oldest.age", "seconds"))
                .containsExactly("wx_callback_outbox_oldest_age_seconds");
        assertThat(AlertRulesTest.forms("Timer", "wx.callback.latency", null))
                .contains("wx_callback_latency_seconds_bucket", "wx_callback_latency_seconds_count");
    }
}
