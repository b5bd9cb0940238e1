package org.voicequeue.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Real Kafka, Redis and S3 servers for integration tests, one set per JVM.
 *
 * <p>Where they come from, in this order (STYLE rule 12): addresses given in the environment
 * ({@code VOICEQUEUE_TEST_KAFKA_BOOTSTRAP}, {@code VOICEQUEUE_TEST_REDIS_URL}, {@code VOICEQUEUE_TEST_S3_ENDPOINT},
 * {@code VOICEQUEUE_TEST_S3_ACCESS_KEY}, {@code VOICEQUEUE_TEST_S3_SECRET_KEY}); else Testcontainers when Docker
 * answers; else local processes started by {@code scripts/stack.sh start} with the {@code test} profile. There is no
 * fourth option: when none works, {@link #get()} throws and the tests fail rather than skip.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void servers(DynamicPropertyRegistry registry) {
 *   TestInfrastructure.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
 * }
 * }</pre>
 */
public final class TestInfrastructure {

    private static final Object LOCK = new Object();
    private static volatile @Nullable TestInfrastructure instance;
    private static volatile @Nullable RuntimeException failure;

    private final Servers servers;
    private final Path repoRoot;

    private TestInfrastructure(Servers servers, Path repoRoot) {
        this.servers = servers;
        this.repoRoot = repoRoot;
    }

    /** The servers of this JVM, started on the first call; later calls (from any thread) return the same ones. */
    public static TestInfrastructure get() {
        TestInfrastructure current = instance;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (instance == null) {
                RuntimeException earlier = failure;
                if (earlier != null) { // one slow failed start per JVM is enough
                    throw new IllegalStateException(
                            "The test servers could not be started earlier in this JVM", earlier);
                }
                try {
                    Path root = findRepoRoot();
                    Servers servers = chooseServers(root);
                    System.out.println("[test-infrastructure] using " + servers.description());
                    instance = new TestInfrastructure(servers, root);
                } catch (RuntimeException ex) {
                    failure = ex;
                    throw ex;
                }
            }
            return instance;
        }
    }

    private static Servers chooseServers(Path repoRoot) {
        Optional<Servers> given = GivenServers.fromEnvironment(System.getenv());
        if (given.isPresent()) {
            return given.get();
        }
        if (ContainerServers.dockerAvailable()) {
            return ContainerServers.start();
        }
        return LocalProcessServers.start(repoRoot);
    }

    public String kafkaBootstrap() {
        return servers.endpoints().kafkaBootstrap();
    }

    public String redisHost() {
        return servers.endpoints().redisHost();
    }

    public int redisPort() {
        return servers.endpoints().redisPort();
    }

    public String s3Endpoint() {
        return servers.endpoints().s3Endpoint();
    }

    public String s3AccessKey() {
        return servers.endpoints().s3AccessKey();
    }

    public String s3SecretKey() {
        return servers.endpoints().s3SecretKey();
    }

    /** The servers under the property names both services read (see the brief's configuration names). */
    public Map<String, String> springProperties() {
        Endpoints e = servers.endpoints();
        return Map.of(
                "spring.kafka.bootstrap-servers", e.kafkaBootstrap(),
                "spring.data.redis.host", e.redisHost(),
                "spring.data.redis.port", Integer.toString(e.redisPort()),
                "voicequeue.storage.endpoint", e.s3Endpoint(),
                "voicequeue.storage.access-key", e.s3AccessKey(),
                "voicequeue.storage.secret-key", e.s3SecretKey());
    }

    /**
     * Takes a server away for an outage test; returns once it no longer answers. Always pair with
     * {@link #start(Service)} in a {@code finally} or {@code @AfterEach}: the servers are shared by the whole build.
     */
    public void stop(Service service) {
        synchronized (LOCK) {
            servers.stop(service);
        }
    }

    /** Brings a server back (a no-op when it runs); returns once it answers again. */
    public void start(Service service) {
        synchronized (LOCK) {
            servers.start(service);
        }
    }

    /** The repository root: {@code -Dvoicequeue.repo.root} (set by failsafe), else the first parent holding {@code voicequeue}. */
    public Path repoRoot() {
        return repoRoot;
    }

    static Path findRepoRoot() {
        String property = System.getProperty("voicequeue.repo.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("voicequeue")) && Files.isDirectory(dir.resolve("scripts"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the VoiceQueue repository root (a directory with the 'voicequeue' "
                + "launcher) above " + Path.of("").toAbsolutePath() + "; set -Dvoicequeue.repo.root");
    }

    @Override
    public String toString() {
        return "TestInfrastructure[" + servers.description() + "]";
    }
}
