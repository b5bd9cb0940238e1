package org.voicequeue.worker.job;

import org.voicequeue.model.job.JobEvent;
import org.voicequeue.model.job.JobSubmitted;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The wire format of our Kafka payloads: JSON, snake_case, RFC 3339 instants (as the api-service writes them). */
final class JobJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JobJson() {}

    /** @throws UnreadableJobException for anything that is not a valid, supported {@code JobSubmitted} */
    static JobSubmitted readSubmitted(byte[] value) throws UnreadableJobException {
        try {
            JobSubmitted job = MAPPER.readValue(value, JobSubmitted.class);
            if (job.schemaVersion() != JobSubmitted.SCHEMA_VERSION) {
                throw new UnreadableJobException("unsupported schema_version " + job.schemaVersion());
            }
            return job;
        } catch (RuntimeException e) {
            // Jackson 3 exceptions are unchecked; so are the record's validation errors
            throw new UnreadableJobException(
                    "not a JobSubmitted message: " + e.getClass().getSimpleName());
        }
    }

    static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    static JobEvent readEvent(byte[] value) {
        return MAPPER.readValue(value, JobEvent.class);
    }

    static final class UnreadableJobException extends Exception {
        UnreadableJobException(String message) {
            super(message);
        }
    }
}
