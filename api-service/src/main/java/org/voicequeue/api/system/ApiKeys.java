package org.voicequeue.api.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured API keys ({@code VOICEQUEUE_API_KEYS} = comma list of {@code name:sha256hex-of-key}). Only hashes
 * are held, so a leaked configuration does not leak keys. No keys = open local mode, every caller is
 * {@value #ANONYMOUS}.
 */
final class ApiKeys {
    static final String ANONYMOUS = "anonymous";

    private final Map<String, byte[]> hashByOwner;

    private ApiKeys(Map<String, byte[]> hashByOwner) {
        this.hashByOwner = hashByOwner;
    }

    static ApiKeys parse(String spec) {
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("API key entries must be name:sha256hex (an entry is malformed)");
            }
            String name = entry.substring(0, colon).trim();
            byte[] hash =
                    HexFormat.of().parseHex(entry.substring(colon + 1).trim().toLowerCase(Locale.ROOT));
            if (hash.length != 32) {
                throw new IllegalArgumentException("API key hash of '" + name + "' is not a SHA-256 hex string");
            }
            hashes.put(name, hash);
        }
        return new ApiKeys(Map.copyOf(hashes));
    }

    boolean isOpen() {
        return hashByOwner.isEmpty();
    }

    /** The owner whose key this is; compares every hash in constant time. */
    Optional<String> ownerOf(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        String owner = null;
        for (var entry : hashByOwner.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), presented)) {
                owner = entry.getKey();
            }
        }
        return Optional.ofNullable(owner);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
