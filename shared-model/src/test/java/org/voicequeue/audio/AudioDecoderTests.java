package org.voicequeue.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AudioDecoderTests {

    /** Length of the espeak-ng source clip: 33549 samples at 22050 Hz. */
    private static final double SPEECH_SECONDS = 33549 / 22050.0;

    @ParameterizedTest(name = "{0} is recognised as {1} at {2} Hz")
    @CsvSource({
        "speech-22050-s16.wav, WAV, 22050, 0.0001",
        "speech.flac, FLAC, 22050, 0.0001",
        "speech-id3-vbr.mp3, MP3, 22050, 0.0001", // LAME tag: encoder delay and padding trimmed exactly
        "speech-44100-stereo-noid3.mp3, MP3, 44100, 0.06", // no LAME tag: the codec delay and padding stay
        "speech.ogg, OGG_VORBIS, 22050, 0.0001",
        "speech.opus, OGG_OPUS, 48000, 0.0001",
    })
    void everySupportedContainerDecodesToTheSourceDurationAndRate(
            String fixture, AudioContainer container, int rate, double toleranceSeconds) {
        DecodedAudio audio = Fixtures.decoded(fixture);

        assertThat(audio.container()).isEqualTo(container);
        assertThat(audio.sampleRate()).isEqualTo(rate);
        assertThat(audio.durationSeconds()).isCloseTo(SPEECH_SECONDS, within(toleranceSeconds));
        assertThat(Fixtures.rms(audio.samples(), 0, audio.samples().length)).isCloseTo(0.096, within(0.01));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"speech.flac", "speech-id3-vbr.mp3", "speech.ogg"})
    void decodedAudioLinesUpWithTheSourceItWasEncodedFrom(String fixture) {
        float[] source = Fixtures.decoded("speech-22050-s16.wav").samples();
        float[] decoded = Fixtures.decoded(fixture).samples();

        assertThat(bestLag(source, decoded, 1500)).isZero();
    }

    @Test
    void losslessFlacDecodesToTheSameSamplesAsTheWav() {
        assertThat(Fixtures.decoded("speech.flac").samples())
                .containsExactly(Fixtures.decoded("speech-22050-s16.wav").samples());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tone-u8.wav, 8000, 0.5",
        "tone-s24-extensible.wav, 16000, 0.25",
        "tone-s32.wav, 8000, 0.25",
        "tone-f32.wav, 16000, 0.25",
        "tone-0.2s.wav, 16000, 0.2",
    })
    void wavSampleFormatsDecodeToAHalfScale440HzSine(String fixture, int rate, double seconds) {
        DecodedAudio audio = Fixtures.decoded(fixture);
        float[] x = audio.samples();

        assertThat(audio.sampleRate()).isEqualTo(rate);
        assertThat(audio.durationSeconds()).isCloseTo(seconds, within(1e-9));
        assertThat(Fixtures.peak(x)).isCloseTo(0.5f, within(1f / 64));
        assertThat(Fixtures.rms(x, 0, x.length)).isCloseTo(0.5 / Math.sqrt(2), within(0.003));
        int crossings = 0;
        for (int i = 1; i < x.length; i++) {
            crossings += (x[i - 1] < 0) != (x[i] < 0) ? 1 : 0;
        }
        assertThat(crossings).isCloseTo((int) (2 * 440 * seconds), within(2));
    }

    @Test
    void wideSampleFormatsAgreeWithEachOtherToSixteenBits() {
        // the same sox synthesis stored as 24-bit extensible and as 32-bit float; 32-bit int vs 8-bit likewise
        float[] s24 = Fixtures.decoded("tone-s24-extensible.wav").samples();
        float[] f32 = Fixtures.decoded("tone-f32.wav").samples();
        float[] s32 = Fixtures.decoded("tone-s32.wav").samples();
        float[] u8 = Fixtures.decoded("tone-u8.wav").samples();

        for (int i = 0; i < s24.length; i++) {
            assertThat(s24[i]).as("sample %d", i).isCloseTo(f32[i], within(1f / 65536));
        }
        for (int i = 0; i < s32.length; i++) {
            assertThat(u8[i]).as("sample %d", i).isCloseTo(s32[i], within(2.5f / 128)); // sox dithers 8-bit
        }
    }

    @Test
    void stereoIsMixedDownByAveragingTheChannels() {
        // left = half-scale sine, right = silence: the mean peaks at a quarter (a sum would give a half)
        DecodedAudio audio = Fixtures.decoded("tone-stereo-left-only.wav");

        assertThat(audio.samples()).hasSize(4000);
        assertThat(Fixtures.peak(audio.samples())).isCloseTo(0.25f, within(0.001f));
    }

    @Test
    void stereoMp3IsMixedDownToMono() {
        DecodedAudio audio = Fixtures.decoded("speech-44100-stereo-noid3.mp3");

        assertThat(Fixtures.peak(audio.samples())).isBetween(0.7f, 1.0f);
    }

    @Test
    void aTextFileNamedWavIsNotAudio() {
        assertThatThrownBy(() -> AudioDecoder.decode(Fixtures.bytes("text-named.wav")))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessage("not a recognised audio format (expected WAV, FLAC, MP3, OGG/Vorbis or Opus)");
    }

    @Test
    void riffThatIsNotWaveIsNotAudio() {
        byte[] avi = "RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> AudioDecoder.decode(avi)).hasMessageStartingWith("not a recognised audio format");
    }

    @Test
    void anEmptyUploadIsRejected() {
        assertThatThrownBy(() -> AudioDecoder.decode(new byte[0])).hasMessage("the audio file is empty");
    }

    @ParameterizedTest(name = "cut after {0} bytes")
    @ValueSource(ints = {12, 20, 30, 40})
    void aWavCutInsideItsHeaderIsRejectedAsTruncated(int length) {
        byte[] cut = Arrays.copyOf(Fixtures.bytes("speech-22050-s16.wav"), length);

        assertThatThrownBy(() -> AudioDecoder.decode(cut))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessageStartingWith("the WAV file is truncated: its header is incomplete");
    }

    @Test
    void aWavWhoseDataIsShorterThanDeclaredIsRejectedAsTruncated() {
        byte[] wav = Fixtures.bytes("speech-22050-s16.wav");
        byte[] cut = Arrays.copyOf(wav, wav.length / 2);

        assertThatThrownBy(() -> AudioDecoder.decode(cut))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessageMatching(
                        "the WAV file is truncated: its header declares \\d+ bytes of audio but only \\d+ are present");
    }

    @Test
    void aWavWithAnUnsupportedEncodingSaysWhichEncoding() {
        byte[] adpcm = Fixtures.bytes("tone-0.2s.wav");
        adpcm[20] = 2; // format code 2 = Microsoft ADPCM

        assertThatThrownBy(() -> AudioDecoder.decode(adpcm))
                .hasMessageStartingWith("unsupported WAV encoding (format 0x0002, 16 bits)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "speech.flac, the FLAC file is truncated",
        "speech-id3-vbr.mp3, the MP3 file is truncated",
        "speech.ogg, the OGG/Vorbis file is truncated",
        "speech.opus, the OGG/Opus file is truncated",
    })
    void compressedFilesCutShortAreRejectedAsTruncated(String fixture, String message) {
        byte[] whole = Fixtures.bytes(fixture);
        byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);

        assertThatThrownBy(() -> AudioDecoder.decode(cut)).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "speech.flac, the FLAC file is corrupt",
        "speech.ogg, the OGG/Vorbis file is corrupt",
        "speech.opus, the OGG/Opus file is corrupt",
    })
    void damagedCompressedFilesAreRejectedAsCorrupt(String fixture, String message) {
        byte[] damaged = Fixtures.bytes(fixture);
        for (int i = damaged.length / 2; i < damaged.length / 2 + 64; i++) {
            damaged[i] ^= 0x5A;
        }

        assertThatThrownBy(() -> AudioDecoder.decode(damaged)).hasMessageStartingWith(message);
    }

    @Test
    void rejectionMessagesNameNoLibraryInternals() {
        byte[] damaged = Fixtures.bytes("speech-id3-vbr.mp3");
        byte[][] inputs = {
            Arrays.copyOf(Fixtures.bytes("speech.flac"), 100),
            Arrays.copyOf(damaged, damaged.length - 500),
            Arrays.copyOf(Fixtures.bytes("speech.ogg"), 200),
            Arrays.copyOf(Fixtures.bytes("speech.opus"), 300),
        };
        for (byte[] input : inputs) {
            assertThatThrownBy(() -> AudioDecoder.decode(input))
                    .isInstanceOf(InvalidAudioException.class)
                    .message()
                    .doesNotContainIgnoringCase("exception")
                    .doesNotContain("javazoom", "jflac", "jcraft", "concentus", "java.", "null");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"speech-22050-s16.wav", "speech.flac", "speech-id3-vbr.mp3", "speech.ogg", "speech.opus"})
    void decodingStopsAtTheDurationCap(String fixture) {
        assertThatThrownBy(() -> AudioDecoder.decode(Fixtures.bytes(fixture), 1.0))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessage("the audio is too long: more than 1 seconds after decoding");
    }

    @Test
    void aStreamedWavWithUnknownDataLengthDecodesToTheEndOfTheFile() {
        byte[] wav = Fixtures.bytes("tone-0.2s.wav");
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1); // data size 0xFFFFFFFF

        assertThat(decode(wav).durationSeconds()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void anId3TaggedFileIsRecognisedByWhatFollowsTheTag() {
        byte[] flac = Fixtures.bytes("speech.flac");
        byte[] tag = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0};
        byte[] tagged = new byte[tag.length + flac.length];
        System.arraycopy(tag, 0, tagged, 0, tag.length);
        System.arraycopy(flac, 0, tagged, tag.length, flac.length);

        assertThat(decode(tagged).container()).isEqualTo(AudioContainer.FLAC);
    }

    @Test
    void anOggStreamOfAnotherCodecIsRejectedAsUnsupported() {
        byte[] opus = Fixtures.bytes("speech.opus");
        int body = 27 + (opus[26] & 0xFF);
        System.arraycopy("SpeexHdr".getBytes(StandardCharsets.US_ASCII), 0, opus, body, 8);

        assertThatThrownBy(() -> AudioDecoder.decode(opus))
                .hasMessage("the OGG file holds an unsupported codec (expected Vorbis or Opus)");
    }

    private static DecodedAudio decode(byte[] bytes) {
        try {
            return AudioDecoder.decode(bytes);
        } catch (InvalidAudioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static int bestLag(float[] a, float[] b, int maxLag) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double score = 0;
            for (int i = Math.max(0, -lag); i < a.length && i + lag < b.length; i++) {
                score += a[i] * b[i + lag];
            }
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }
}
