package org.voicequeue.api.job;

import java.time.Duration;
import java.util.Optional;

/** Where Idempotency-Key reservations live (Redis in production, a map in unit tests). */
interface IdempotencyRecords {

    /**
     * Stores {@code value} under (owner, key) unless something is there already; atomic.
     *
     * @return empty when reserved now, else the value already stored
     */
    Optional<String> putIfAbsent(String owner, String key, String value, Duration ttl);

    /** Removes the record only if it still holds {@code value}. */
    void removeIfEquals(String owner, String key, String value);
}
