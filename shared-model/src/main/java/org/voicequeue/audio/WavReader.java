package org.voicequeue.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * RIFF/WAVE: integer PCM (8, 16, 24, 32 bit), IEEE float (32, 64 bit), plain or WAVE_FORMAT_EXTENSIBLE.
 * A header cut short, or a data chunk that declares more bytes than the file holds, is rejected as truncated
 * rather than decoded in part: a partial upload should fail loudly, not become a shorter reference.
 */
final class WavReader {
    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_LENGTH = 0xFFFFFFFFL; // written by some streaming encoders

    private record Format(int code, int channels, int sampleRate, int blockAlign, int bits) {}

    private WavReader() {}

    static DecodedAudio read(byte[] b, double maxSeconds) throws InvalidAudioException {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        Format format = null;
        int pos = 12;
        while (true) {
            if (pos + 8 > b.length) {
                throw new InvalidAudioException(
                        format == null
                                ? "the WAV file is truncated: its header is incomplete (no format chunk)"
                                : "the WAV file is truncated: its header is incomplete (no data chunk)");
            }
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            int body = pos + 8;
            if (ContainerSniffer.startsWith(b, pos, "fmt ")) {
                if (size < 16 || body + size > b.length) {
                    throw new InvalidAudioException(
                            "the WAV file is truncated: its header is incomplete (format chunk cut short)");
                }
                format = readFormat(buf, body, (int) size);
            } else if (ContainerSniffer.startsWith(b, pos, "data")) {
                if (format == null) {
                    throw new InvalidAudioException(
                            "the WAV file is invalid: its data chunk precedes its format chunk");
                }
                long present = b.length - body;
                if (size == UNKNOWN_LENGTH) {
                    size = present;
                } else if (size > present) {
                    throw new InvalidAudioException(String.format(
                            Locale.ROOT,
                            "the WAV file is truncated: its header declares %d bytes of audio but only %d are present",
                            size,
                            present));
                }
                return decode(buf, body, (int) size, format, maxSeconds);
            }
            long next = body + size + (size & 1);
            if (next > b.length) {
                throw new InvalidAudioException("the WAV file is truncated: its header is incomplete");
            }
            pos = (int) next;
        }
    }

    private static Format readFormat(ByteBuffer buf, int at, int size) throws InvalidAudioException {
        int code = buf.getShort(at) & 0xFFFF;
        int channels = buf.getShort(at + 2) & 0xFFFF;
        int rate = buf.getInt(at + 4);
        int blockAlign = buf.getShort(at + 12) & 0xFFFF;
        int bits = buf.getShort(at + 14) & 0xFFFF;
        if (code == EXTENSIBLE) {
            if (size < 40) {
                throw new InvalidAudioException("the WAV file is invalid: its extensible format chunk is too short");
            }
            code = buf.getShort(at + 24) & 0xFFFF; // first two bytes of the sub-format GUID
        }
        return new Format(code, channels, rate, blockAlign, bits);
    }

    private static DecodedAudio decode(ByteBuffer buf, int start, int size, Format f, double maxSeconds)
            throws InvalidAudioException {
        boolean supported = (f.code == PCM && (f.bits == 8 || f.bits == 16 || f.bits == 24 || f.bits == 32))
                || (f.code == IEEE_FLOAT && (f.bits == 32 || f.bits == 64));
        if (!supported) {
            throw new InvalidAudioException(String.format(
                    Locale.ROOT,
                    "unsupported WAV encoding (format 0x%04X, %d bits); use 8/16/24/32-bit PCM or 32-bit float",
                    f.code,
                    f.bits));
        }
        MonoBuffer out = MonoBuffer.open("WAV", f.sampleRate, f.channels, maxSeconds);
        int bytes = f.bits / 8;
        if (f.blockAlign != bytes * f.channels) {
            throw new InvalidAudioException("the WAV file is invalid: its block size does not match its format");
        }
        long frames = size / f.blockAlign;
        if (frames > Math.ceil(f.sampleRate * maxSeconds)) {
            throw MonoBuffer.tooLong(maxSeconds);
        }
        if (f.code == PCM && f.bits == 16) {
            return pcm16(buf, start, (int) frames, f.channels, f.sampleRate);
        }
        int pos = start;
        for (long i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < f.channels; c++, pos += bytes) {
                sum += sample(buf, pos, f);
            }
            out.addFrame(sum, f.channels);
        }
        return out.toAudio(AudioContainer.WAV);
    }

    /**
     * 16-bit PCM, the usual upload, in one bulk copy into an array of the exact size: the API decodes every reference
     * to validate it, and the general per-sample loop (growing buffer, checks per sample) was most of its CPU per
     * submission (platform bench). Same values as the general path: (sum of channels / 32768) / channels.
     */
    private static DecodedAudio pcm16(ByteBuffer buf, int start, int frames, int channels, int sampleRate)
            throws InvalidAudioException {
        if (frames == 0) {
            throw new InvalidAudioException("the audio contains no samples");
        }
        short[] pcm = new short[frames * channels];
        buf.slice(start, pcm.length * 2)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer()
                .get(pcm);
        float[] mono = new float[frames];
        if (channels == 1) {
            for (int i = 0; i < frames; i++) {
                mono[i] = (float) (pcm[i] / 32768.0);
            }
        } else {
            for (int i = 0, p = 0; i < frames; i++) {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += pcm[p++] / 32768.0;
                }
                mono[i] = (float) (sum / channels);
            }
        }
        return new DecodedAudio(mono, sampleRate, AudioContainer.WAV);
    }

    private static double sample(ByteBuffer buf, int pos, Format f) {
        if (f.code == IEEE_FLOAT) {
            return f.bits == 32 ? buf.getFloat(pos) : buf.getDouble(pos);
        }
        return switch (f.bits) {
            case 8 -> ((buf.get(pos) & 0xFF) - 128) / 128.0; // 8-bit WAV is unsigned
            case 16 -> buf.getShort(pos) / 32768.0;
            case 24 -> ((buf.get(pos) & 0xFF) | (buf.get(pos + 1) & 0xFF) << 8 | buf.get(pos + 2) << 16) / 8388608.0;
            default -> buf.getInt(pos) / 2147483648.0;
        };
    }
}
