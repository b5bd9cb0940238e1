package org.voicequeue.audio;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Recognises the container from its first bytes; file names and declared media types are never trusted. */
final class ContainerSniffer {

    /** Where the recognised stream starts: after an ID3v2 tag, if one precedes it. */
    record Sniffed(AudioContainer container, int offset) {}

    private ContainerSniffer() {}

    static @Nullable Sniffed sniff(byte[] b) throws InvalidAudioException {
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WAVE")) {
            return new Sniffed(AudioContainer.WAV, 0);
        }
        if (startsWith(b, 0, "RF64") || startsWith(b, 0, "BW64")) {
            throw new InvalidAudioException("64-bit WAV (RF64/BW64) is not supported; use a standard WAV file");
        }
        if (startsWith(b, 0, "fLaC")) {
            return new Sniffed(AudioContainer.FLAC, 0);
        }
        if (startsWith(b, 0, "OggS")) {
            return new Sniffed(oggCodec(b), 0);
        }
        int start = 0;
        if (startsWith(b, 0, "ID3")) {
            start = afterId3v2(b);
            if (startsWith(b, start, "fLaC")) { // some taggers put ID3v2 in front of FLAC
                return new Sniffed(AudioContainer.FLAC, start);
            }
            while (start < b.length && b[start] == 0) { // padding that the tag size did not cover
                start++;
            }
        }
        MpegFrameHeader first = MpegFrameHeader.parse(b, start);
        if (first != null && followedByFrameOrEnd(b, start, first)) {
            return new Sniffed(AudioContainer.MP3, start);
        }
        return null;
    }

    /** A lone frame sync is too weak a signal (random bytes match it); the next frame must follow, too. */
    private static boolean followedByFrameOrEnd(byte[] b, int start, MpegFrameHeader first) {
        int next = start + first.frameLength();
        return next >= b.length - 4 || MpegFrameHeader.parse(b, next) != null;
    }

    private static int afterId3v2(byte[] b) throws InvalidAudioException {
        if (b.length < 10) {
            throw new InvalidAudioException("the MP3 file is truncated: its ID3 tag is incomplete");
        }
        int size = ((b[6] & 0x7F) << 21) | ((b[7] & 0x7F) << 14) | ((b[8] & 0x7F) << 7) | (b[9] & 0x7F);
        boolean footer = (b[5] & 0x10) != 0;
        long end = 10L + size + (footer ? 10 : 0);
        if (end >= b.length) {
            throw new InvalidAudioException("the MP3 file is truncated: it ends inside its ID3 tag");
        }
        return (int) end;
    }

    private static AudioContainer oggCodec(byte[] b) throws InvalidAudioException {
        // first page: 27-byte header, lacing table, then the first packet, whose start names the codec
        if (b.length < 27) {
            throw new InvalidAudioException("the OGG file is truncated");
        }
        int segments = b[26] & 0xFF;
        int body = 27 + segments;
        if (startsWith(b, body, "OpusHead")) {
            return AudioContainer.OGG_OPUS;
        }
        if (b.length > body && b[body] == 1 && startsWith(b, body + 1, "vorbis")) {
            return AudioContainer.OGG_VORBIS;
        }
        if (b.length < body + 8) {
            throw new InvalidAudioException("the OGG file is truncated");
        }
        throw new InvalidAudioException("the OGG file holds an unsupported codec (expected Vorbis or Opus)");
    }

    static boolean startsWith(byte[] b, int offset, String ascii) {
        byte[] want = ascii.getBytes(StandardCharsets.US_ASCII);
        if (offset < 0 || b.length - offset < want.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (b[offset + i] != want[i]) {
                return false;
            }
        }
        return true;
    }
}
