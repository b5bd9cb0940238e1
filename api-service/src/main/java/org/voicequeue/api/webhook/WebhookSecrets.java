package org.voicequeue.api.webhook;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signing keys from {@code VOICEQUEUE_WEBHOOK_SECRET}: {@code whsec_<base64>}, optionally a second one after a
 * comma during rotation. The first signs; see {@link WebhookSigner} for what is sent during rotation.
 */
final class WebhookSecrets {
    private static final String PREFIX = "whsec_";
    private final List<byte[]> keys;

    private WebhookSecrets(List<byte[]> keys) {
        this.keys = keys;
    }

    /** @throws IllegalArgumentException naming the position, never the value, of a malformed secret */
    static WebhookSecrets parse(String configured) {
        List<byte[]> keys = new ArrayList<>();
        String[] parts = configured.split(",");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                continue;
            }
            if (!part.startsWith(PREFIX)) {
                throw new IllegalArgumentException("webhook secret #" + (i + 1) + " does not start with whsec_");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(part.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook secret #" + (i + 1) + " is not valid base64 after whsec_");
            }
            if (key.length < 24 || key.length > 64) {
                throw new IllegalArgumentException(
                        "webhook secret #" + (i + 1) + " must decode to 24-64 bytes (Standard Webhooks)");
            }
            keys.add(key);
        }
        if (keys.size() > 2) {
            throw new IllegalArgumentException("at most two webhook secrets (current, previous) are accepted");
        }
        return new WebhookSecrets(List.copyOf(keys));
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    List<byte[]> keys() {
        return keys;
    }

    @Override
    public String toString() {
        return "WebhookSecrets[" + keys.size() + " key(s)]";
    }
}
