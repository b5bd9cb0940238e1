package org.voicequeue.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a receiver on loopback; names resolve through a fake resolver, never DNS. */
class WebhookSenderTests {
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    private HttpServer server;
    private final List<String> hits = new CopyOnWriteArrayList<>();
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.add(exchange.getRequestURI().getPath());
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/redirect" -> {
                    exchange.getResponseHeaders().add("Location", "/elsewhere");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/big" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(new byte[64 * 1024]);
                    }
                }
                default -> exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private WebhookSender sender(List<String> allowedHosts) {
        HostResolver fakeDns = host -> switch (host) {
            case "hooks.example" -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
            default -> List.of(InetAddress.getAllByName(host)); // literals only in these tests
        };
        OkHttpClient client = WebhookSender.httpClient(Duration.ofSeconds(5));
        return new WebhookSender(
                client,
                new CallbackUrlPolicy(allowedHosts, fakeDns),
                new WebhookSigner(WebhookSecrets.parse(SECRET)),
                4096,
                Clock.systemUTC());
    }

    private Delivery delivery(String url) {
        return new Delivery(
                "msg_1",
                "job_1",
                "job.completed",
                url,
                "{\"type\":\"job.completed\"}",
                0,
                Instant.now().plusSeconds(60));
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWhileTheHostHeaderKeepsTheName() {
        WebhookSender.Result result = sender(List.of("hooks.example")).send(delivery(url("hooks.example", "/hook")));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.statusCode()).isEqualTo(204);
        assertThat(hostHeaders)
                .containsExactly("hooks.example:" + server.getAddress().getPort());
    }

    @Test
    void aRedirectIsRecordedAsAFailureAndNotFollowed() {
        WebhookSender.Result result = sender(List.of("127.0.0.1")).send(delivery(url("127.0.0.1", "/redirect")));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(result.error()).contains("redirect not followed");
        assertThat(hits).containsExactly("/redirect");
    }

    @Test
    void aLargeAnswerIsReadOnlyUpToTheCapAndStillCountsAsSuccess() {
        WebhookSender.Result result = sender(List.of("127.0.0.1")).send(delivery(url("127.0.0.1", "/big")));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.statusCode()).isEqualTo(200);
    }

    @Test
    void aHostThatIsNotAllowListedIsRefusedBeforeAnyConnection() {
        WebhookSender.Result result = sender(List.of()).send(delivery(url("hooks.example", "/hook")));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).startsWith("refused:").contains("loopback");
        assertThat(hits).isEmpty();
    }

    @Test
    void withoutASecretNothingIsSent() {
        WebhookSender unsigned = new WebhookSender(
                WebhookSender.httpClient(Duration.ofSeconds(5)),
                new CallbackUrlPolicy(List.of("127.0.0.1"), HostResolver.SYSTEM),
                new WebhookSigner(WebhookSecrets.parse("")),
                4096,
                Clock.systemUTC());

        WebhookSender.Result result = unsigned.send(delivery(url("127.0.0.1", "/hook")));

        assertThat(result.error()).contains("secret is not configured");
        assertThat(hits).isEmpty();
    }
}
