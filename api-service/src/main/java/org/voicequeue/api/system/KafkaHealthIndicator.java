package org.voicequeue.api.system;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** Kafka is up when the cluster answers describeCluster within a short timeout. */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {
    private final AdminClient admin;
    private final long timeoutMillis;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, VoiceQueueProperties properties) {
        super("Kafka health check failed");
        this.timeoutMillis = properties.kafka().healthTimeout().toMillis();
        var config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put("request.timeout.ms", (int) timeoutMillis);
        config.put("default.api.timeout.ms", (int) timeoutMillis);
        this.admin = AdminClient.create(config);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMillis));
        int nodes = cluster.nodes().get(timeoutMillis, TimeUnit.MILLISECONDS).size();
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(timeoutMillis, TimeUnit.MILLISECONDS))
                .withDetail("nodes", nodes);
    }

    @Override
    public void destroy() {
        admin.close(java.time.Duration.ofSeconds(1));
    }
}
