package org.voicequeue.api.job;

import org.jspecify.annotations.Nullable;

/**
 * The reference of a valid submission: new audio to store (content-addressed), or the key of a stored voice's audio.
 *
 * @param audio the uploaded bytes, null when {@code storedKey} is set
 * @param sha256 hex SHA-256 of {@code audio}, null when {@code storedKey} is set
 * @param storedKey the object key of a stored voice's audio, else null
 */
public record ResolvedReference(
        byte @Nullable [] audio,
        @Nullable String sha256,
        @Nullable String storedKey,
        String text) {}
