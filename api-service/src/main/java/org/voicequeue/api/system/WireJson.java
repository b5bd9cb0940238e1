package org.voicequeue.api.system;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as stored in Redis and sent on Kafka: snake_case, Instants as RFC 3339 strings. Kept apart from the web
 * mapper so that a change to HTTP rendering never changes what the worker reads.
 */
@Component
public final class WireJson {
    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    public String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    public <T> T read(String json, Class<T> type) {
        return mapper.readValue(json, type);
    }

    public JsonNode tree(String json) {
        return mapper.readTree(json);
    }
}
