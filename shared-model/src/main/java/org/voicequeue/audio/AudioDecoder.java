package org.voicequeue.audio;

/**
 * Recognises WAV, FLAC, MP3, OGG/Vorbis and OGG/Opus from their content and decodes them to mono floats.
 *
 * <p>Every failure is an {@link InvalidAudioException} whose message is ours and safe to show a client; a library's
 * exception is kept only as the cause, for logs. Decoding stops at {@link #MAX_DECODED_SECONDS} so that a small
 * compressed upload cannot expand into gigabytes of samples.
 */
public final class AudioDecoder {

    /** Longest audio decoded by {@link #decode(byte[])}; far above any reference clip, far below a memory problem. */
    public static final double MAX_DECODED_SECONDS = 600;

    static final String UNRECOGNISED = "not a recognised audio format (expected WAV, FLAC, MP3, OGG/Vorbis or Opus)";

    private AudioDecoder() {}

    public static DecodedAudio decode(byte[] bytes) throws InvalidAudioException {
        return decode(bytes, MAX_DECODED_SECONDS);
    }

    /** Like {@link #decode(byte[])} with another cap on the decoded duration. */
    public static DecodedAudio decode(byte[] bytes, double maxSeconds) throws InvalidAudioException {
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be positive");
        }
        if (bytes.length == 0) {
            throw new InvalidAudioException("the audio file is empty");
        }
        ContainerSniffer.Sniffed sniffed = ContainerSniffer.sniff(bytes);
        if (sniffed == null) {
            throw new InvalidAudioException(UNRECOGNISED);
        }
        try {
            return switch (sniffed.container()) {
                case WAV -> WavReader.read(bytes, maxSeconds);
                case FLAC -> FlacReader.read(bytes, sniffed.offset(), maxSeconds);
                case MP3 -> Mp3Reader.read(bytes, sniffed.offset(), maxSeconds);
                case OGG_VORBIS -> VorbisReader.read(bytes, maxSeconds);
                case OGG_OPUS -> OpusReader.read(bytes, maxSeconds);
            };
        } catch (RuntimeException e) {
            // a library failing in a way its reader did not anticipate: still the client's bytes, still our words
            throw new InvalidAudioException(
                    "the " + name(sniffed.container()) + " file is corrupt and cannot be decoded", e);
        }
    }

    private static String name(AudioContainer container) {
        return switch (container) {
            case WAV -> "WAV";
            case FLAC -> "FLAC";
            case MP3 -> "MP3";
            case OGG_VORBIS -> "OGG/Vorbis";
            case OGG_OPUS -> "OGG/Opus";
        };
    }
}
