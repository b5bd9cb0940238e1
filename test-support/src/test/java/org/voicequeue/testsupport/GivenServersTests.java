package org.voicequeue.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GivenServersTests {

    private static Map<String, String> allGiven() {
        Map<String, String> env = new HashMap<>();
        env.put(GivenServers.KAFKA, "broker:9092");
        env.put(GivenServers.REDIS, "redis://cache:6380");
        env.put(GivenServers.S3, "http://s3:8333");
        env.put(GivenServers.S3_ACCESS_KEY, "key");
        env.put(GivenServers.S3_SECRET_KEY, "very-secret");
        return env;
    }

    @Test
    void anEnvironmentWithoutServerVariablesGivesNoServers() {
        assertThat(GivenServers.fromEnvironment(Map.of("PATH", "/usr/bin"))).isEmpty();
    }

    @Test
    void allVariablesGiveTheirEndpoints() {
        Endpoints endpoints =
                GivenServers.fromEnvironment(allGiven()).orElseThrow().endpoints();

        assertThat(endpoints)
                .isEqualTo(new Endpoints("broker:9092", "cache", 6380, "http://s3:8333", "key", "very-secret"));
    }

    @Test
    void redisUrlWithoutPortMeansTheDefaultPort() {
        Map<String, String> env = allGiven();
        env.put(GivenServers.REDIS, "redis://cache");

        assertThat(GivenServers.fromEnvironment(env).orElseThrow().endpoints().redisPort())
                .isEqualTo(6379);
    }

    @Test
    void someButNotAllVariablesIsAnErrorNamingTheMissingOnes() {
        Map<String, String> env = allGiven();
        env.remove(GivenServers.S3_SECRET_KEY);

        assertThatThrownBy(() -> GivenServers.fromEnvironment(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(GivenServers.S3_SECRET_KEY);
    }

    @Test
    void aRedisAddressThatIsNotARedisUrlIsRefused() {
        Map<String, String> env = allGiven();
        env.put(GivenServers.REDIS, "cache:6379");

        assertThatThrownBy(() -> GivenServers.fromEnvironment(env)).hasMessageContaining("redis://host:6379");
    }

    @Test
    void serversGivenByTheEnvironmentCannotBeStoppedByATest() {
        Servers servers = GivenServers.fromEnvironment(allGiven()).orElseThrow();

        assertThatThrownBy(() -> servers.stop(Service.REDIS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not control");
    }

    @Test
    void theDescriptionNeverContainsTheSecret() {
        assertThat(GivenServers.fromEnvironment(allGiven()).orElseThrow().description())
                .doesNotContain("very-secret")
                .contains("http://s3:8333");
    }
}
