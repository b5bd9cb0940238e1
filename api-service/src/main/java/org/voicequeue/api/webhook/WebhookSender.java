package org.voicequeue.api.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Sends one attempt of a delivery: re-checks the callback URL, signs, posts, reads at most a few KB of the answer.
 *
 * <p>DNS rebinding: the host is resolved and every address checked by {@link CallbackUrlPolicy} right before the
 * attempt, and the connection is made only to those checked addresses: the client of each attempt gets a resolver
 * that returns exactly them. The URL keeps its host name, so TLS still sends SNI and verifies the certificate against
 * the name. Redirects are not followed, proxies are not used (a proxy would resolve the name again) and OkHttp's
 * silent retry on connection failure is off.
 */
final class WebhookSender implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_ERROR_CHARS = 300;

    private final OkHttpClient baseClient;
    private final CallbackUrlPolicy policy;
    private final WebhookSigner signer;
    private final int maxResponseBytes;
    private final Clock clock;

    WebhookSender(
            OkHttpClient baseClient,
            CallbackUrlPolicy policy,
            WebhookSigner signer,
            int maxResponseBytes,
            Clock clock) {
        this.baseClient = baseClient;
        this.policy = policy;
        this.signer = signer;
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
    }

    /**
     * The shared client: every timeout bounded (a 2xx must arrive within {@code timeout}), no redirects, no proxy,
     * no silent retry. Each attempt derives a client from it with its own pinned resolver.
     */
    static OkHttpClient httpClient(Duration timeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .proxy(Proxy.NO_PROXY)
                .build();
    }

    Result send(Delivery delivery) {
        long started = clock.millis();
        if (!signer.canSign()) {
            return Result.failure("webhook signing secret is not configured on the server", 0);
        }
        List<InetAddress> addresses;
        try {
            addresses = policy.addressesToCall(delivery.url());
        } catch (CallbackRefusedException e) {
            return Result.failure("refused: " + e.getMessage(), clock.millis() - started);
        }
        try {
            OkHttpClient pinned =
                    baseClient.newBuilder().dns(hostname -> addresses).build();
            byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
            long timestamp = clock.instant().getEpochSecond();
            Request request = new Request.Builder()
                    .url(delivery.url())
                    .header("webhook-id", delivery.webhookId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signer.signatureHeader(delivery.webhookId(), timestamp, body))
                    .header("User-Agent", "VoiceQueue-Webhooks/1")
                    .post(RequestBody.create(body, JSON, 0, body.length))
                    .build();
            try (Response response = pinned.newCall(request).execute()) {
                drain(response);
                int status = response.code();
                long latency = clock.millis() - started;
                return new Result(
                        status,
                        latency,
                        status >= 200 && status < 300 ? null : describe(response),
                        response.header("Retry-After"));
            }
        } catch (InterruptedIOException e) { // connect, read or whole-call timeout
            return Result.failure("timeout: no complete answer in time", clock.millis() - started);
        } catch (IOException | RuntimeException e) { // resets, refused connections, unusable URLs
            return Result.failure(
                    truncate(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())),
                    clock.millis() - started);
        }
    }

    /** Releases pooled connections and OkHttp's threads (the per-attempt clients share them). */
    @Override
    public void close() {
        baseClient.dispatcher().executorService().shutdown();
        baseClient.connectionPool().evictAll();
    }

    /** Reads up to the cap so the connection is left in a clean state, then drops it. */
    private void drain(Response response) throws IOException {
        try (InputStream in = response.body().byteStream()) {
            in.readNBytes(maxResponseBytes);
        }
    }

    private static String describe(Response response) {
        int status = response.code();
        if (status >= 300 && status < 400) {
            return "redirect not followed (HTTP " + status + "); update the callback URL";
        }
        return "HTTP " + status;
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR_CHARS ? message : message.substring(0, MAX_ERROR_CHARS) + "...";
    }

    /** What one attempt came to; {@code statusCode} is null when no answer arrived. */
    record Result(
            @Nullable Integer statusCode,
            long latencyMs,
            @Nullable String error,
            @Nullable String retryAfter) {
        static Result failure(String error, long latencyMs) {
            return new Result(null, latencyMs, error, null);
        }

        boolean succeeded() {
            return error == null;
        }
    }
}
