package org.voicequeue.api.webhook;

import tools.jackson.databind.json.JsonMapper;

/** The JSON of attempt records in {@code vq:job:{id}:deliveries}; names come from {@link DeliveryAttempt}'s annotations. */
final class AttemptJson {
    private final JsonMapper mapper = JsonMapper.builder().build();

    String write(DeliveryAttempt attempt) {
        return mapper.writeValueAsString(attempt);
    }

    DeliveryAttempt read(String json) {
        return mapper.readValue(json, DeliveryAttempt.class);
    }
}
