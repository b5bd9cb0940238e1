package org.voicequeue.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures: {@code v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">}.
 *
 * <p>During rotation (two secrets configured) the header carries one signature per key, space-separated, the first
 * secret's first, as the specification allows: receivers that already have the new secret and those still on the old
 * one both verify, so a rotation needs no coordinated switch.
 */
final class WebhookSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private final WebhookSecrets secrets;

    WebhookSigner(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    boolean canSign() {
        return !secrets.isEmpty();
    }

    /** The {@code webhook-signature} header value. */
    String signatureHeader(String webhookId, long timestampSeconds, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalStateException("no webhook secret is configured");
        }
        StringJoiner header = new StringJoiner(" ");
        for (byte[] key : secrets.keys()) {
            header.add("v1," + sign(key, webhookId, timestampSeconds, body));
        }
        return header.toString();
    }

    static String sign(byte[] key, String webhookId, long timestampSeconds, byte[] body) {
        if (webhookId.indexOf('.') >= 0) { // the signed content is dot-delimited
            throw new IllegalArgumentException("webhook id must not contain '.'");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
