package org.voicequeue.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The servers as Docker containers (Testcontainers), used when Docker answers and the environment names no servers.
 * Images are pinned to the versions of the local stack and docker-compose.yml. Outage tests pause a container
 * rather than stopping it: a stopped container may come back on another host port, which the endpoints handed out
 * could not follow.
 */
final class ContainerServers implements Servers {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
    static final DockerImageName REDIS_IMAGE = DockerImageName.parse("redis:7.4.2");
    static final DockerImageName S3_IMAGE = DockerImageName.parse("chrislusf/seaweedfs:4.48");
    private static final int S3_PORT = 8333;
    private static final String ACCESS_KEY = "voicequeue";

    private final Map<Service, GenericContainer<?>> containers;
    private final Endpoints endpoints;

    private ContainerServers(Map<Service, GenericContainer<?>> containers, Endpoints endpoints) {
        this.containers = containers;
        this.endpoints = endpoints;
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static Servers start() {
        String secret = UUID.randomUUID().toString().replace("-", "");
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE)
                .withExposedPorts(6379)
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
        GenericContainer<?> s3 = new GenericContainer<>(S3_IMAGE)
                .withExposedPorts(S3_PORT)
                // readable by the image's unprivileged 'seaweed' user, which its entrypoint switches to
                .withCopyToContainer(
                        Transferable.of(identities(secret).getBytes(StandardCharsets.UTF_8), 0644),
                        "/etc/seaweedfs/s3.json")
                .withCommand(
                        "server",
                        "-s3",
                        "-s3.port=" + S3_PORT,
                        "-s3.config=/etc/seaweedfs/s3.json",
                        "-volume.max=0",
                        "-master.volumeSizeLimitMB=256")
                .waitingFor(Wait.forHttp("/").forPort(S3_PORT).forStatusCodeMatching(status -> status > 0));
        Stream.of(kafka, redis, s3).parallel().forEach(GenericContainer::start);
        Map<Service, GenericContainer<?>> containers = new EnumMap<>(Service.class);
        containers.put(Service.KAFKA, kafka);
        containers.put(Service.REDIS, redis);
        containers.put(Service.S3, s3);
        Endpoints endpoints = new Endpoints(
                kafka.getBootstrapServers(),
                redis.getHost(),
                redis.getMappedPort(6379),
                "http://" + s3.getHost() + ":" + s3.getMappedPort(S3_PORT),
                ACCESS_KEY,
                secret);
        return new ContainerServers(containers, endpoints);
    }

    private static String identities(String secret) {
        return """
        {"identities": [{"name": "voicequeue",
          "credentials": [{"accessKey": "%s", "secretKey": "%s"}],
          "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
        """.formatted(ACCESS_KEY, secret);
    }

    @Override
    public Endpoints endpoints() {
        return endpoints;
    }

    @Override
    public void stop(Service service) {
        String id = containers.get(service).getContainerId();
        DockerClientFactory.instance().client().pauseContainerCmd(id).exec();
    }

    @Override
    public void start(Service service) {
        String id = containers.get(service).getContainerId();
        DockerClientFactory.instance().client().unpauseContainerCmd(id).exec();
    }

    @Override
    public String description() {
        return "Testcontainers: " + endpoints;
    }
}
