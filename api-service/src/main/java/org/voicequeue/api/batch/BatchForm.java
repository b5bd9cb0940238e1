package org.voicequeue.api.batch;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.voicequeue.api.job.SubmissionRules;

/** The multipart fields of {@code POST /v1/batches} as sent (unparsed), so validation can name every bad field. */
record BatchForm(
        byte @Nullable [] referenceAudio,
        @Nullable String voiceId,
        @Nullable String referenceText,
        @Nullable String items,
        @Nullable String model,
        @Nullable String speed,
        @Nullable String nfeSteps,
        @Nullable String cfgStrength,
        @Nullable String swaySamplingCoef,
        @Nullable String seed,
        @Nullable String outputFormat,
        @Nullable String join,
        @Nullable String pauseMs,
        @Nullable String callbackUrl,
        @Nullable String callbackEvents,
        @Nullable String metadata) {

    /** The shared job parameters by wire name (absent = default). */
    Map<String, @Nullable String> params() {
        Map<String, @Nullable String> params = new LinkedHashMap<>();
        params.put("speed", speed);
        params.put("nfe_steps", nfeSteps);
        params.put("cfg_strength", cfgStrength);
        params.put("sway_sampling_coef", swaySamplingCoef);
        params.put("seed", seed);
        params.put("output_format", outputFormat);
        return params;
    }

    /** SHA-256 of every field and the audio's hash: equal fingerprints mean the same request (Idempotency-Key). */
    String fingerprint() {
        StringBuilder request = new StringBuilder("batch");
        Map<String, @Nullable String> fields = new LinkedHashMap<>(params());
        fields.put("voice_id", voiceId);
        fields.put("reference_text", referenceText);
        fields.put("items", items);
        fields.put("model", model);
        fields.put("join", join);
        fields.put("pause_ms", pauseMs);
        fields.put("callback_url", callbackUrl);
        fields.put("callback_events", callbackEvents);
        fields.put("metadata", metadata);
        fields.put("reference_audio", referenceAudio == null ? null : SubmissionRules.sha256Hex(referenceAudio));
        fields.forEach((name, value) -> {
            String v = value == null ? "\u0000absent" : value;
            request.append('\u0000')
                    .append(name)
                    .append(':')
                    .append(v.length())
                    .append(':')
                    .append(v);
        });
        return SubmissionRules.sha256Hex(request.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BatchForm";
    }
}
