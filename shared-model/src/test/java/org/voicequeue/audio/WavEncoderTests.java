package org.voicequeue.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavEncoderTests {

    @Test
    void encodedAudioDecodesBackToTheSameSamples() throws InvalidAudioException {
        float[] speech = Fixtures.decoded("speech-22050-s16.wav").samples();

        DecodedAudio back = AudioDecoder.decode(WavEncoder.encodePcm16(speech, 22050));

        assertThat(back.sampleRate()).isEqualTo(22050);
        assertThat(back.container()).isEqualTo(AudioContainer.WAV);
        assertThat(back.samples()).hasSameSizeAs(speech);
        for (int i = 0; i < speech.length; i++) {
            assertThat(back.samples()[i]).isCloseTo(speech[i], within(1.5f / 32768));
        }
    }

    @Test
    void theHeaderDescribesMono16BitPcmWithCorrectRiffSizes() {
        byte[] wav = WavEncoder.encodePcm16(new float[1001], 24000);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(wav).hasSize(44 + 2002);
        assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(24000);
        assertThat(b.getInt(28)).isEqualTo(48000);
        assertThat(b.getShort(32)).isEqualTo((short) 2);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(b.getInt(40)).isEqualTo(2002);
    }

    @Test
    void samplesBeyondFullScaleAreClippedNotWrapped() {
        byte[] wav = WavEncoder.encodePcm16(new float[] {1.5f, -3f, Float.NaN, 0.5f}, 8000);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(b.getShort(44)).isEqualTo((short) 32767);
        assertThat(b.getShort(46)).isEqualTo((short) -32767);
        assertThat(b.getShort(48)).isZero();
        assertThat(b.getShort(50)).isEqualTo((short) 16384);
    }

    @Test
    void joinedClipsKeepTheirOrderWithThePauseBetweenThem() {
        float[] joined =
                WavJoiner.join(List.of(new float[] {0.1f, 0.2f}, new float[] {0.3f}), 1000, Duration.ofMillis(3));

        assertThat(joined).containsExactly(0.1f, 0.2f, 0f, 0f, 0f, 0.3f);
    }

    @Test
    void joiningWavClipsOfDifferentRatesYieldsOneWavAtTheFirstRate() throws InvalidAudioException {
        byte[] a = WavEncoder.encodePcm16(Fixtures.sine(440, 24000, 1.0, 0.5), 24000);
        byte[] b = Fixtures.bytes("tone-0.2s.wav"); // 16 kHz

        DecodedAudio joined = AudioDecoder.decode(WavJoiner.joinToWav(List.of(a, b), Duration.ofMillis(500)));

        assertThat(joined.sampleRate()).isEqualTo(24000);
        assertThat(joined.durationSeconds()).isCloseTo(1.0 + 0.5 + 0.2, within(1e-4));
        assertThat(Fixtures.rms(joined.samples(), 24000 + 100, 24000 + 11900)).isZero();
    }
}
