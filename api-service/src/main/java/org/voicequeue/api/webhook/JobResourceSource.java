package org.voicequeue.api.webhook;

import java.util.Optional;

/**
 * The job resource exactly as {@code GET /v1/jobs/{id}} renders it, for a webhook's {@code data}. Implemented by the
 * job feature; the object is serialized with the application's JSON mapper.
 */
@FunctionalInterface
public interface JobResourceSource {
    Optional<Object> findJobResource(String jobId);
}
