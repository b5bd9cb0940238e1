package org.voicequeue.api.voice;

import java.time.Instant;

/**
 * A stored voice as clients see it.
 *
 * @param durationSeconds length of the reference as the engine uses it (clipped at a silence to the model limit)
 */
record VoiceResource(String id, String name, double durationSeconds, Instant createdAt, String referenceText) {}
