package org.voicequeue.api.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The multipart fields of {@code POST /v1/jobs} exactly as sent (strings, unparsed), so that validation can name
 * every bad field and the idempotency fingerprint covers the request as the client wrote it.
 *
 * @param referenceAudio the uploaded bytes, null when the part is missing
 */
record JobSubmissionForm(
        byte @Nullable [] referenceAudio,
        @Nullable String voiceId,
        @Nullable String referenceText,
        @Nullable String text,
        @Nullable String model,
        @Nullable String speed,
        @Nullable String nfeSteps,
        @Nullable String cfgStrength,
        @Nullable String swaySamplingCoef,
        @Nullable String seed,
        @Nullable String outputFormat,
        @Nullable String callbackUrl,
        @Nullable String callbackEvents,
        @Nullable String metadata) {

    /** Text fields by wire name, in a fixed order. */
    Map<String, @Nullable String> textFields() {
        Map<String, @Nullable String> fields = new LinkedHashMap<>();
        fields.put("voice_id", voiceId);
        fields.put("reference_text", referenceText);
        fields.put("text", text);
        fields.put("model", model);
        fields.put("speed", speed);
        fields.put("nfe_steps", nfeSteps);
        fields.put("cfg_strength", cfgStrength);
        fields.put("sway_sampling_coef", swaySamplingCoef);
        fields.put("seed", seed);
        fields.put("output_format", outputFormat);
        fields.put("callback_url", callbackUrl);
        fields.put("callback_events", callbackEvents);
        fields.put("metadata", metadata);
        return fields;
    }

    /** SHA-256 (hex) of every field plus the audio's hash: equal fingerprints mean the same request. */
    String fingerprint() {
        return fingerprint(null);
    }

    /**
     * {@link #fingerprint()} reusing the audio's hash when validation already computed it: hashing a 10 s clip again
     * was a visible share of a submission's CPU (platform bench).
     *
     * @param referenceAudioSha256 hex SHA-256 of {@link #referenceAudio}, or null to compute it here
     */
    String fingerprint(@Nullable String referenceAudioSha256) {
        MessageDigest digest = Hashing.sha256();
        textFields().forEach((name, value) -> {
            update(digest, name);
            update(digest, value == null ? "\u0000absent" : value);
        });
        update(digest, "reference_audio");
        String audioHash = referenceAudio == null
                ? "\u0000absent"
                : referenceAudioSha256 != null ? referenceAudioSha256 : Hashing.sha256Hex(referenceAudio);
        update(digest, audioHash);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Length-prefixed so that ("ab","c") and ("a","bc") differ. */
    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobSubmissionForm form
                && Arrays.equals(referenceAudio, form.referenceAudio)
                && textFields().equals(form.textFields());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(referenceAudio) + textFields().hashCode();
    }

    @Override
    public String toString() {
        return "JobSubmissionForm" + textFields().keySet();
    }
}
