package org.voicequeue.testsupport;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Servers named in the environment (e.g. a CI job with service containers): used as they are. */
final class GivenServers implements Servers {

    static final String KAFKA = "VOICEQUEUE_TEST_KAFKA_BOOTSTRAP";
    static final String REDIS = "VOICEQUEUE_TEST_REDIS_URL";
    static final String S3 = "VOICEQUEUE_TEST_S3_ENDPOINT";
    static final String S3_ACCESS_KEY = "VOICEQUEUE_TEST_S3_ACCESS_KEY";
    static final String S3_SECRET_KEY = "VOICEQUEUE_TEST_S3_SECRET_KEY";

    private final Endpoints endpoints;

    private GivenServers(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Empty when the environment names no server; an error when it names only some of them. */
    static Optional<Servers> fromEnvironment(Map<String, String> env) {
        List<String> names = List.of(KAFKA, REDIS, S3, S3_ACCESS_KEY, S3_SECRET_KEY);
        List<String> missing =
                names.stream().filter(name -> isBlank(env.get(name))).toList();
        if (missing.size() == names.size()) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Set all of " + names + " or none of them; missing: " + missing);
        }
        URI redis = URI.create(env.get(REDIS));
        if (!"redis".equals(redis.getScheme()) || redis.getHost() == null) {
            throw new IllegalStateException(REDIS + " must look like redis://host:6379");
        }
        int redisPort = redis.getPort() == -1 ? 6379 : redis.getPort();
        return Optional.of(new GivenServers(new Endpoints(
                env.get(KAFKA),
                redis.getHost(),
                redisPort,
                env.get(S3),
                env.get(S3_ACCESS_KEY),
                env.get(S3_SECRET_KEY))));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public Endpoints endpoints() {
        return endpoints;
    }

    @Override
    public void stop(Service service) {
        throw notOurs(service);
    }

    @Override
    public void start(Service service) {
        throw notOurs(service);
    }

    private static IllegalStateException notOurs(Service service) {
        return new IllegalStateException("Cannot stop or start " + service + ": its address came from the environment ("
                + String.join(", ", Stream.of(KAFKA, REDIS, S3).toList())
                + "), so this build does not control it. Unset those variables to run outage tests.");
    }

    @Override
    public String description() {
        return "servers given in the environment: " + endpoints;
    }
}
