package org.voicequeue.api.job;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.voicequeue.api.model.ModelCatalog;
import org.voicequeue.api.storage.ReferenceAudioStore;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.api.system.WireJson;
import org.voicequeue.api.webhook.CallbackUrlPolicy;

/** Real submission rules for unit tests of other features: default limits, F5-TTS and E2-TTS known, no voices. */
public final class SubmissionRulesFixture {
    private SubmissionRulesFixture() {}

    public static SubmissionRules rules() {
        VoiceQueueProperties properties = new Binder(new MapConfigurationPropertySource(java.util.Map.of()))
                .bindOrCreate("voicequeue", VoiceQueueProperties.class);
        ModelCatalog models = mock(ModelCatalog.class);
        given(models.isKnown(anyString()))
                .willAnswer(a -> a.getArgument(0).toString().matches("F5-TTS|E2-TTS"));
        CallbackUrlPolicy callbacks = mock(CallbackUrlPolicy.class);
        given(callbacks.findRefusal(any())).willReturn(Optional.empty());
        StoredVoices voices = (owner, id) -> Optional.empty();
        ReferenceAudioCheck audio = new ReferenceAudioCheck(properties);
        MetadataCheck metadata = new MetadataCheck(properties, new WireJson());
        ReferenceResolver references = new ReferenceResolver(audio, voices, properties);
        SubmissionValidator validator = new SubmissionValidator(properties, models, references, metadata, callbacks);
        return new SubmissionRules(
                validator,
                references,
                audio,
                metadata,
                mock(ReferenceAudioStore.class),
                new Idempotency(mock(IdempotencyRecords.class)),
                properties);
    }

    /** Syllable-like bursts of a 140 Hz voice, as 16-bit PCM WAV at 24 kHz. */
    public static byte[] speechLikeWav(double seconds) {
        int rate = 24_000;
        int n = (int) (seconds * rate);
        ByteBuffer b = ByteBuffer.allocate(44 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + n * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16);
        b.put("data".getBytes()).putInt(n * 2);
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double voice = 0;
            for (int h = 1; h <= 6; h++) {
                voice += Math.sin(2 * Math.PI * 140 * h * t) / h;
            }
            double x = 0.12 * voice * (0.15 + 0.85 * Math.pow(Math.sin(Math.PI * 4 * t), 2));
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, x)) * 32767));
        }
        return b.array();
    }
}
