package org.voicequeue.system.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A whole {@code POST /v1/jobs} body, built once and sent as often as needed. */
final class Multipart {
    static final String BOUNDARY = "vq-platform-bench-boundary";

    private Multipart() {}

    static byte[] job(byte[] referenceWav, String text, int nfeSteps, long seed) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("reference_text", "A reference recording for the platform benchmark.");
        fields.put("text", text);
        fields.put("model", "F5-TTS");
        fields.put("nfe_steps", Integer.toString(nfeSteps));
        fields.put("seed", Long.toString(seed));
        ByteArrayOutputStream body = new ByteArrayOutputStream(referenceWav.length + 1024);
        for (Map.Entry<String, String> field : fields.entrySet()) {
            ascii(
                    body,
                    "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n");
            body.writeBytes(field.getValue().getBytes(StandardCharsets.UTF_8));
            ascii(body, "\r\n");
        }
        ascii(
                body,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"reference_audio\"; "
                        + "filename=\"reference.wav\"\r\nContent-Type: audio/wav\r\n\r\n");
        body.writeBytes(referenceWav);
        ascii(body, "\r\n--" + BOUNDARY + "--\r\n");
        return body.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
