package org.voicequeue.audio;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.List;

/** OGG/Opus (RFC 7845) through Concentus, a pure-Java port of libopus; decoded at Opus's native 48 kHz. */
final class OpusReader {
    private static final int RATE = 48_000;
    private static final int MAX_FRAME = 5_760; // 120 ms at 48 kHz, the longest Opus packet

    private OpusReader() {}

    static DecodedAudio read(byte[] b, double maxSeconds) throws InvalidAudioException {
        OggPackets.Stream stream = OggPackets.read(b, "OGG/Opus");
        List<byte[]> packets = stream.packets();
        if (packets.size() < 2 || packets.get(0).length < 19) {
            throw new InvalidAudioException("the OGG/Opus file is truncated: its headers are incomplete");
        }
        byte[] head = packets.get(0);
        int channels = head[9] & 0xFF;
        int preSkip = (head[10] & 0xFF) | (head[11] & 0xFF) << 8;
        int gainQ8 = (short) ((head[16] & 0xFF) | (head[17] & 0xFF) << 8);
        int mapping = head[18] & 0xFF;
        if (mapping != 0 || channels > 2) {
            throw new InvalidAudioException("unsupported OGG/Opus layout: only mono and stereo streams are supported");
        }
        MonoBuffer out = MonoBuffer.open("OGG/Opus", RATE, channels, maxSeconds);
        double gain = Math.pow(10, gainQ8 / (20.0 * 256)) / 32768.0; // header output gain is Q7.8 dB
        try {
            OpusDecoder decoder = new OpusDecoder(RATE, channels);
            short[] pcm = new short[MAX_FRAME * channels];
            for (int i = 2; i < packets.size(); i++) { // 0 = OpusHead, 1 = OpusTags
                byte[] packet = packets.get(i);
                int n = decoder.decode(packet, 0, packet.length, pcm, 0, MAX_FRAME, false);
                for (int s = 0; s < n; s++) {
                    long sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += pcm[s * channels + c];
                    }
                    out.addFrame(sum * gain, channels);
                }
            }
        } catch (OpusException | RuntimeException e) {
            throw new InvalidAudioException("the OGG/Opus file is corrupt: a packet cannot be decoded", e);
        }
        // pre-skip is the encoder's priming; the final granule position (48 kHz) marks the true end
        long end = stream.granule() >= 0 ? stream.granule() : out.size();
        out.keep(preSkip, (int) Math.max(0, Math.min(out.size(), end) - preSkip));
        return out.toAudio(AudioContainer.OGG_OPUS);
    }
}
