package org.voicequeue.worker.testing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.voicequeue.testsupport.TestInfrastructure;
import org.voicequeue.worker.WorkerApplication;
import org.voicequeue.worker.synthesis.SpeechSynthesizer;

/**
 * Boots a real worker application (Kafka, Redis and S3 from {@link TestInfrastructure}) with a
 * {@link DeterministicSynthesizer} as its engine. Registered by an initializer, never by component scan, so it cannot
 * leak into other test contexts; the ONNX engine's beans are removed so that these tests exercise the pipeline only
 * (and do not load model files).
 */
public final class TestWorker implements AutoCloseable {
    public static final String BUCKET = "vq-worker-it";
    private static final String ONNX_PACKAGE = "org.voicequeue.worker.synthesis.onnx.";

    private final ConfigurableApplicationContext context;
    private final DeterministicSynthesizer synthesizer;

    private TestWorker(ConfigurableApplicationContext context, DeterministicSynthesizer synthesizer) {
        this.context = context;
        this.synthesizer = synthesizer;
    }

    /** Settings that make failures visible within seconds instead of the production minutes. */
    public static Map<String, String> properties(String workerId, String groupId) {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.get().springProperties());
        properties.put("server.port", "0");
        properties.put("voicequeue.worker.id", workerId);
        properties.put("voicequeue.worker.shutdown-grace", "2s");
        properties.put("voicequeue.kafka.group-id", groupId);
        properties.put("voicequeue.lease.ttl", "3s");
        properties.put("voicequeue.lease.renew-every", "1s");
        properties.put("voicequeue.lease.foreign-lease-check", "250ms");
        properties.put("voicequeue.retry.initial-backoff", "100ms");
        properties.put("voicequeue.heartbeat.interval", "1s");
        properties.put("voicequeue.heartbeat.ttl", "3s");
        properties.put("voicequeue.storage.bucket", BUCKET);
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        return properties;
    }

    public static TestWorker start(Map<String, String> properties, DeterministicSynthesizer synthesizer) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class)
                .initializers(ctx -> ((GenericApplicationContext) ctx)
                        .registerBean(
                                "deterministicSynthesizer",
                                SpeechSynthesizer.class,
                                () -> synthesizer,
                                definition -> definition.setPrimary(true)))
                .initializers(ctx -> ctx.addBeanFactoryPostProcessor(TestWorker::removeOnnxEngine))
                // command-line arguments outrank application.yml (builder "properties" are only defaults)
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        return new TestWorker(context, synthesizer);
    }

    private static void removeOnnxEngine(ConfigurableListableBeanFactory beanFactory) {
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
        for (String name : registry.getBeanDefinitionNames()) {
            String type = registry.getBeanDefinition(name).getBeanClassName();
            if (type != null && type.startsWith(ONNX_PACKAGE)) {
                registry.removeBeanDefinition(name);
            }
        }
    }

    public DeterministicSynthesizer synthesizer() {
        return synthesizer;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
