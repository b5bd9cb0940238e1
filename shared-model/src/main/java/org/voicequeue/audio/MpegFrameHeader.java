package org.voicequeue.audio;

import org.jspecify.annotations.Nullable;

/** The 4-byte MPEG audio frame header: enough to recognise MP3 and to find the Xing/LAME tag. */
record MpegFrameHeader(int version, int layer, int bitrateKbps, int sampleRate, boolean padding, boolean mono) {

    static final int MPEG1 = 3;

    private static final int[][] BITRATES = { // [row][index]; rows: V1L1, V1L2, V1L3, V2L1, V2L2/L3
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    /** The header at {@code offset}, or null when those bytes are not a valid (non free-format) frame header. */
    static @Nullable MpegFrameHeader parse(byte[] b, int offset) {
        if (offset < 0 || offset + 4 > b.length) {
            return null;
        }
        int b1 = b[offset + 1] & 0xFF;
        int b2 = b[offset + 2] & 0xFF;
        int b3 = b[offset + 3] & 0xFF;
        if ((b[offset] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0) {
            return null;
        }
        int version = (b1 >> 3) & 3; // 0 = 2.5, 2 = 2, 3 = 1; 1 reserved
        int layerBits = (b1 >> 1) & 3; // 3 = I, 2 = II, 1 = III; 0 reserved (ADTS AAC lands here)
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if (version == 1
                || layerBits == 0
                || bitrateIndex == 0
                || bitrateIndex == 15
                || rateIndex == 3
                || (b3 & 3) == 2) {
            return null;
        }
        int layer = 4 - layerBits;
        int row = version == MPEG1 ? layer - 1 : (layer == 1 ? 3 : 4);
        int rate = MPEG1_RATES[rateIndex] >> (version == MPEG1 ? 0 : version == 2 ? 1 : 2);
        return new MpegFrameHeader(version, layer, BITRATES[row][bitrateIndex], rate, (b2 & 2) != 0, (b3 >> 6) == 3);
    }

    int frameLength() {
        int pad = padding ? 1 : 0;
        if (layer == 1) {
            return (12 * bitrateKbps * 1000 / sampleRate + pad) * 4;
        }
        int factor = layer == 3 && version != MPEG1 ? 72 : 144;
        return factor * bitrateKbps * 1000 / sampleRate + pad;
    }

    int samplesPerFrame() {
        if (layer == 1) {
            return 384;
        }
        return layer == 3 && version != MPEG1 ? 576 : 1152;
    }

    /** Bytes of Layer III side information that precede a Xing/Info tag in the first frame. */
    int sideInfoLength() {
        if (version == MPEG1) {
            return mono ? 17 : 32;
        }
        return mono ? 9 : 17;
    }
}
