package org.voicequeue.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.voicequeue.testsupport.TestInfrastructure;

/**
 * The whole platform as a user runs it: the packaged api-service and worker-service jars as separate JVMs on the
 * real Kafka, Redis and S3 servers, with the ONNX engine serving the committed tiny models.
 */
final class Platform implements AutoCloseable {
    ServiceProcess api;
    final ServiceProcess worker;
    private final Map<String, String> env;
    private final Path apiJar;
    private final Path logs;

    private Platform(ServiceProcess api, ServiceProcess worker, Map<String, String> env, Path apiJar, Path logs) {
        this.api = api;
        this.worker = worker;
        this.env = env;
        this.apiJar = apiJar;
        this.logs = logs;
    }

    /** SIGKILL the api-service and start a new one on the same servers (and the same Redis outbox). */
    void killAndRestartApi() throws IOException {
        api.kill();
        api = ServiceProcess.start("api-service", apiJar, env, logs);
    }

    static Platform start() throws IOException {
        return start(Map.of());
    }

    static Platform start(Map<String, String> extraEnv) throws IOException {
        TestInfrastructure servers = TestInfrastructure.get();
        Path root = servers.repoRoot();
        Map<String, String> env = new HashMap<>();
        env.put("VOICEQUEUE_KAFKA_BOOTSTRAP", servers.kafkaBootstrap());
        env.put("VOICEQUEUE_REDIS_HOST", servers.redisHost());
        env.put("VOICEQUEUE_REDIS_PORT", Integer.toString(servers.redisPort()));
        env.put("VOICEQUEUE_STORAGE_ENDPOINT", servers.s3Endpoint());
        env.put("VOICEQUEUE_STORAGE_ACCESS_KEY", servers.s3AccessKey());
        env.put("VOICEQUEUE_STORAGE_SECRET_KEY", servers.s3SecretKey());
        env.put("VOICEQUEUE_MODELS_DIR", root.resolve("models").toString());
        // A fresh worker group starting at the topic's end: jobs left on the shared test topic by other modules'
        // tests are not ours to run, and must not queue in front of ours.
        String group = "voicequeue-system-" + System.nanoTime();
        TopicPositions.startGroupAtEnd(servers.kafkaBootstrap(), group, "voicequeue.jobs");
        env.put("VOICEQUEUE_KAFKA_GROUP_ID", group);
        env.putAll(extraEnv);
        Path logs = root.resolve("system-tests/target/service-logs");
        Path apiJar = root.resolve("api-service/target/api-service.jar");
        ServiceProcess api = ServiceProcess.start("api-service", apiJar, env, logs);
        try {
            ServiceProcess worker = ServiceProcess.start(
                    "worker-service", root.resolve("worker-service/target/worker-service.jar"), env, logs);
            return new Platform(api, worker, env, apiJar, logs);
        } catch (RuntimeException | IOException e) {
            api.close();
            throw e;
        }
    }

    @Override
    public void close() {
        worker.close();
        api.close();
    }
}
