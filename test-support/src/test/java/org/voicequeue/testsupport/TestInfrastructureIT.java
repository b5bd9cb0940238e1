package org.voicequeue.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

class TestInfrastructureIT {

    private final TestInfrastructure infra = TestInfrastructure.get();

    @Test
    void kafkaBrokerDescribesItsCluster() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafkaBootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
            var nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            assertThat(nodes).extracting(Node::port).isNotEmpty();
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isNotBlank();
        }
    }

    @Test
    void redisAnswersPing() throws IOException {
        assertThat(ping(infra.redisHost(), infra.redisPort())).isEqualTo("+PONG");
    }

    @Test
    void s3ServerAnswersHttpAndRefusesAnonymousListing() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(infra.s3Endpoint() + "/"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        // an S3 server that checks signatures answers an unsigned ListBuckets with an XML error
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Error>");
    }

    @Test
    void stoppedRedisRefusesConnectionsAndAnswersAgainAfterStart() throws IOException {
        try {
            infra.stop(Service.REDIS);
            assertThatThrownBy(() -> ping(infra.redisHost(), infra.redisPort())).isInstanceOf(IOException.class);
        } finally {
            infra.start(Service.REDIS);
        }
        assertThat(ping(infra.redisHost(), infra.redisPort())).isEqualTo("+PONG");
    }

    @Test
    void springPropertiesNameEveryServerUnderTheServicesPropertyNames() {
        assertThat(infra.springProperties())
                .containsEntry("spring.kafka.bootstrap-servers", infra.kafkaBootstrap())
                .containsEntry("spring.data.redis.host", infra.redisHost())
                .containsEntry("spring.data.redis.port", Integer.toString(infra.redisPort()))
                .containsEntry("voicequeue.storage.endpoint", infra.s3Endpoint())
                .containsEntry("voicequeue.storage.access-key", infra.s3AccessKey())
                .containsEntry("voicequeue.storage.secret-key", infra.s3SecretKey())
                .hasSize(6);
    }

    @Test
    void everyThreadGetsTheSameServers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<TestInfrastructure> get = TestInfrastructure::get;
            List<Future<TestInfrastructure>> results = pool.invokeAll(List.of(get, get, get, get, get, get, get, get));
            for (Future<TestInfrastructure> result : results) {
                assertThat(result.get()).isSameAs(infra);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void repoRootIsTheDirectoryWithTheLauncher() {
        assertThat(infra.repoRoot().resolve("voicequeue")).isRegularFile();
        assertThat(infra.repoRoot().resolve("scripts/stack.sh")).isRegularFile();
    }

    @Test
    void secretNeverAppearsInTheDescription() {
        assertThat(infra.toString()).doesNotContain(infra.s3SecretKey()).contains(infra.s3Endpoint());
    }

    /** Redis's inline PING over a plain socket: no client library between the test and the server. */
    private static String ping(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            if (line.isEmpty()) {
                throw new ConnectException("Redis closed the connection without an answer");
            }
            return line.toString();
        }
    }
}
