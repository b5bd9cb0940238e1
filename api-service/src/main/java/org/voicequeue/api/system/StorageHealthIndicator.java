package org.voicequeue.api.system;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import org.voicequeue.api.storage.ReferenceAudioStore;

/** The object store is up when the reference-audio bucket exists and answers. */
@Component("storage")
class StorageHealthIndicator extends AbstractHealthIndicator {
    private final ReferenceAudioStore store;

    StorageHealthIndicator(ReferenceAudioStore store) {
        super("Object store health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (store.isAvailable()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "bucket missing or store unreachable");
        }
    }
}
