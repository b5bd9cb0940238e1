package org.voicequeue.audio;

import java.io.ByteArrayInputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;
import org.jspecify.annotations.Nullable;

/**
 * MPEG audio through JLayer's decoder (no JavaSound SPI). A Xing/Info tag frame is skipped rather than decoded as
 * silence, and a LAME tag's encoder delay and padding are trimmed, so the duration matches the encoded input.
 */
final class Mp3Reader {
    /** Delay of the MPEG Layer III synthesis filter bank, added by every decoder on top of the encoder's delay. */
    private static final int DECODER_DELAY = 529;

    private Mp3Reader() {}

    static DecodedAudio read(byte[] b, int offset, double maxSeconds) throws InvalidAudioException {
        MpegFrameHeader first = MpegFrameHeader.parse(b, offset);
        if (first == null) {
            throw new InvalidAudioException("the MP3 file is invalid: no MPEG audio frame follows its tag");
        }
        XingTag tag = XingTag.find(b, offset, first);
        MonoBuffer out = MonoBuffer.open("MP3", first.sampleRate(), first.mono() ? 1 : 2, maxSeconds);
        Bitstream stream = new Bitstream(new ByteArrayInputStream(b, offset, b.length - offset));
        Decoder decoder = new Decoder();
        int frames = 0;
        try {
            Header header;
            while ((header = stream.readFrame()) != null) {
                boolean tagFrame = frames == 0 && tag != null;
                frames++;
                if (header.frequency() != first.sampleRate()) {
                    throw new InvalidAudioException("the MP3 file is invalid: its sample rate changes mid-stream");
                }
                SampleBuffer pcm = (SampleBuffer) decoder.decodeFrame(header, stream);
                stream.closeFrame();
                if (tagFrame) {
                    continue;
                }
                short[] samples = pcm.getBuffer();
                int channels = pcm.getChannelCount();
                int length = pcm.getBufferLength();
                for (int i = 0; i + channels <= length; i += channels) {
                    long sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += samples[i + c];
                    }
                    out.addFrame(sum / 32768.0, channels);
                }
            }
        } catch (BitstreamException | DecoderException | RuntimeException e) {
            throw new InvalidAudioException("the MP3 file is corrupt: a frame cannot be decoded", e);
        }
        if (tag != null && tag.frames() > 0 && frames - 1 < tag.frames()) {
            throw new InvalidAudioException(String.format(
                    java.util.Locale.ROOT,
                    "the MP3 file is truncated: its header declares %d frames but only %d are present",
                    tag.frames(),
                    frames - 1));
        }
        if (tag != null && tag.hasGaplessInfo() && first.layer() == 3) {
            long total = (long) tag.frames() * first.samplesPerFrame() - tag.encoderDelay() - tag.padding();
            out.keep(tag.encoderDelay() + DECODER_DELAY, (int) Math.max(0, total));
        }
        return out.toAudio(AudioContainer.MP3);
    }

    /** The Xing/Info (or VBRI) tag frame that encoders put first, with LAME's gapless figures when present. */
    record XingTag(int frames, int encoderDelay, int padding, boolean hasGaplessInfo) {

        static @Nullable XingTag find(byte[] b, int frameStart, MpegFrameHeader h) {
            boolean crc = (b[frameStart + 1] & 1) == 0;
            int at = frameStart + 4 + (crc ? 2 : 0) + h.sideInfoLength();
            if (ContainerSniffer.startsWith(b, frameStart + 36, "VBRI")) {
                return new XingTag(readInt(b, frameStart + 36 + 14), 0, 0, false);
            }
            if (!ContainerSniffer.startsWith(b, at, "Xing") && !ContainerSniffer.startsWith(b, at, "Info")) {
                return null;
            }
            int flags = readInt(b, at + 4);
            int p = at + 8;
            int frames = 0;
            if ((flags & 1) != 0) {
                frames = readInt(b, p);
                p += 4;
            }
            p += ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
            boolean lame = ContainerSniffer.startsWith(b, p, "LAME")
                    || ContainerSniffer.startsWith(b, p, "Lavc")
                    || ContainerSniffer.startsWith(b, p, "Lavf");
            if (!lame || frames <= 0 || p + 24 > b.length) {
                return new XingTag(frames, 0, 0, false);
            }
            int d0 = b[p + 21] & 0xFF;
            int d1 = b[p + 22] & 0xFF;
            int d2 = b[p + 23] & 0xFF;
            return new XingTag(frames, (d0 << 4) | (d1 >> 4), ((d1 & 0x0F) << 8) | d2, true);
        }

        private static int readInt(byte[] b, int at) {
            if (at + 4 > b.length) {
                return 0;
            }
            return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
        }
    }
}
