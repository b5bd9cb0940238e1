package org.voicequeue.audio;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The packets of the first logical stream of an Ogg file (RFC 3533), with page CRCs checked. Other multiplexed
 * streams are ignored; a chained stream ends at the first stream's end-of-stream page.
 */
final class OggPackets {
    private static final int[] CRC_TABLE = crcTable();

    /** @param granule granule position of the last page that completes a packet, -1 if none did */
    record Stream(List<byte[]> packets, long granule) {}

    private OggPackets() {}

    static Stream read(byte[] b, String format) throws InvalidAudioException {
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        int serial = 0;
        boolean first = true;
        boolean ended = false;
        long granule = -1;
        int pos = 0;
        while (pos < b.length && !ended) {
            if (pos + 27 > b.length) {
                throw truncated(format);
            }
            if (!ContainerSniffer.startsWith(b, pos, "OggS")) {
                throw new InvalidAudioException("the " + format + " file is corrupt: an OGG page is damaged");
            }
            if (pos + 27 + (b[pos + 26] & 0xFF) > b.length) {
                throw truncated(format);
            }
            int type = b[pos + 5] & 0xFF;
            int pageSerial = readIntLe(b, pos + 14);
            int segments = b[pos + 26] & 0xFF;
            int bodyStart = pos + 27 + segments;
            int bodyLength = 0;
            for (int i = 0; i < segments; i++) {
                bodyLength += b[pos + 27 + i] & 0xFF;
            }
            int pageEnd = bodyStart + bodyLength;
            if (pageEnd > b.length) {
                throw truncated(format);
            }
            if (crc(b, pos, pageEnd) != readIntLe(b, pos + 22)) {
                throw new InvalidAudioException("the " + format + " file is corrupt: an OGG page fails its checksum");
            }
            if (first) {
                serial = pageSerial;
                first = false;
            }
            if (pageSerial == serial) {
                int at = bodyStart;
                boolean completed = false;
                for (int i = 0; i < segments; i++) {
                    int lace = b[pos + 27 + i] & 0xFF;
                    partial.write(b, at, lace);
                    at += lace;
                    if (lace < 255) { // a lacing value below 255 ends a packet
                        packets.add(partial.toByteArray());
                        partial.reset();
                        completed = true;
                    }
                }
                if (completed) {
                    granule = readLongLe(b, pos + 6);
                }
                ended = (type & 0x04) != 0;
            }
            pos = pageEnd;
        }
        if (!ended) {
            throw truncated(format);
        }
        return new Stream(packets, granule);
    }

    private static InvalidAudioException truncated(String format) {
        return new InvalidAudioException("the " + format + " file is truncated: its last OGG page is missing or cut");
    }

    private static int crc(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            int v = (i >= from + 22 && i < from + 26) ? 0 : b[i] & 0xFF; // the CRC field counts as zero
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ v) & 0xFF];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int j = 0; j < 8; j++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }

    static int readIntLe(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long readLongLe(byte[] b, int at) {
        return (readIntLe(b, at) & 0xFFFFFFFFL) | ((long) readIntLe(b, at + 4) << 32);
    }
}
