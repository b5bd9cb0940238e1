package org.voicequeue.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.util.List;

/** OGG/Vorbis: our own Ogg page reader feeds JOrbis's decoder directly (no JavaSound SPI). */
final class VorbisReader {
    private VorbisReader() {}

    static DecodedAudio read(byte[] b, double maxSeconds) throws InvalidAudioException {
        OggPackets.Stream stream = OggPackets.read(b, "OGG/Vorbis");
        List<byte[]> packets = stream.packets();
        if (packets.size() < 3) {
            throw new InvalidAudioException("the OGG/Vorbis file is truncated: its headers are incomplete");
        }
        try {
            Info info = new Info();
            Comment comment = new Comment();
            info.init();
            comment.init();
            for (int i = 0; i < 3; i++) {
                if (info.synthesis_headerin(comment, packet(packets.get(i), i, i == 0)) < 0) {
                    throw new InvalidAudioException("the OGG/Vorbis file is corrupt: its headers are invalid");
                }
            }
            MonoBuffer out = MonoBuffer.open("OGG/Vorbis", info.rate, info.channels, maxSeconds);
            DspState dsp = new DspState();
            dsp.synthesis_init(info);
            Block block = new Block(dsp);
            float[][][] pcm = new float[1][][];
            int[] index = new int[info.channels];
            for (int i = 3; i < packets.size(); i++) {
                if (block.synthesis(packet(packets.get(i), i, false)) == 0) {
                    dsp.synthesis_blockin(block);
                }
                int n;
                while ((n = dsp.synthesis_pcmout(pcm, index)) > 0) {
                    for (int s = 0; s < n; s++) {
                        double sum = 0;
                        for (int c = 0; c < info.channels; c++) {
                            sum += pcm[0][c][index[c] + s];
                        }
                        out.addFrame(sum, info.channels);
                    }
                    dsp.synthesis_read(n);
                }
            }
            // the last page's granule position is the exact sample count; the final block may overshoot it
            if (stream.granule() >= 0 && stream.granule() < out.size()) {
                out.keep(0, (int) stream.granule());
            }
            return out.toAudio(AudioContainer.OGG_VORBIS);
        } catch (RuntimeException e) {
            throw new InvalidAudioException("the OGG/Vorbis file is corrupt: a packet cannot be decoded", e);
        }
    }

    private static Packet packet(byte[] data, long number, boolean beginning) {
        Packet p = new Packet();
        p.packet_base = data;
        p.packet = 0;
        p.bytes = data.length;
        p.b_o_s = beginning ? 1 : 0;
        p.e_o_s = 0;
        p.granulepos = -1;
        p.packetno = number;
        return p;
    }
}
