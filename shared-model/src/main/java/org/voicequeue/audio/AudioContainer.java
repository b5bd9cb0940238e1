package org.voicequeue.audio;

/** Audio formats recognised from their content (never from a file name). */
public enum AudioContainer {
    WAV,
    FLAC,
    MP3,
    OGG_VORBIS,
    OGG_OPUS
}
