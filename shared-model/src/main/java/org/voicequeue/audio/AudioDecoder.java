package org.voicequeue.audio;

/** Recognises WAV, FLAC, MP3, OGG/Vorbis and OGG/Opus from their content and decodes them to mono floats. */
public final class AudioDecoder {
    private AudioDecoder() {}

    public static DecodedAudio decode(byte[] bytes) throws InvalidAudioException {
        throw new InvalidAudioException("audio decoding is not implemented yet"); // TODO(audio helper)
    }
}
