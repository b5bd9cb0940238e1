package org.voicequeue.api.job;

import static org.voicequeue.api.job.JobParamsParser.blankToNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.api.system.WireJson;
import tools.jackson.core.JacksonException;

/** {@code metadata} is a JSON object of limited size, stored as sent and echoed back. */
@Component
class MetadataCheck {
    private final long maxBytes;
    private final WireJson json;

    MetadataCheck(VoiceQueueProperties properties, WireJson json) {
        this.maxBytes = properties.limits().maxMetadataSize().toBytes();
        this.json = json;
    }

    void check(@Nullable String metadata, List<FieldProblem> problems) {
        String value = blankToNull(metadata);
        if (value == null) {
            return;
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            problems.add(FieldProblem.of("metadata", "must be at most " + maxBytes + " bytes"));
            return;
        }
        try {
            if (!json.tree(value).isObject()) {
                problems.add(FieldProblem.of("metadata", "must be a JSON object"));
            }
        } catch (JacksonException e) {
            problems.add(FieldProblem.of("metadata", "must be a JSON object (it is not valid JSON)"));
        }
    }
}
