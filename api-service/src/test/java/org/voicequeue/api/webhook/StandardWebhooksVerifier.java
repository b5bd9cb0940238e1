package org.voicequeue.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Standard Webhooks verification written from the specification, independently of {@link WebhookSigner}: what a
 * receiver does with the three headers and the raw body. Shared by the webhook integration tests.
 */
public final class StandardWebhooksVerifier {
    private static final long TOLERANCE_SECONDS = 300;

    private StandardWebhooksVerifier() {}

    public static boolean verify(
            String secret, @Nullable String id, @Nullable String timestamp, @Nullable String signatures, byte[] body) {
        if (id == null
                || timestamp == null
                || signatures == null
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            for (String versioned : signatures.split(" ")) {
                String[] parts = versioned.split(",", 2);
                if (parts.length == 2
                        && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
