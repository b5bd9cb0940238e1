package org.voicequeue.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

/** FLAC through jFLAC's decoder, read frame by frame (no JavaSound SPI). */
final class FlacReader {
    private FlacReader() {}

    static DecodedAudio read(byte[] b, int offset, double maxSeconds) throws InvalidAudioException {
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(b, offset, b.length - offset));
        CrcErrors crcErrors = new CrcErrors();
        decoder.addFrameListener(crcErrors);
        StreamInfo info;
        try {
            decoder.readMetadata();
            info = decoder.getStreamInfo();
        } catch (IOException | RuntimeException e) {
            throw new InvalidAudioException("the FLAC file is truncated or corrupt: its header cannot be read", e);
        }
        if (info == null) {
            throw new InvalidAudioException("the FLAC file is invalid: it has no stream information");
        }
        MonoBuffer out = MonoBuffer.open("FLAC", info.getSampleRate(), info.getChannels(), maxSeconds);
        long declared = info.getTotalSamples(); // 0 = unknown
        if (declared > Math.ceil(info.getSampleRate() * maxSeconds)) {
            throw MonoBuffer.tooLong(maxSeconds);
        }
        try {
            // jFLAC would resynchronise past the declared end (e.g. on a trailing ID3v1 tag): stop there ourselves
            while (declared == 0 || decoder.getSamplesDecoded() < declared) {
                Frame frame = decoder.readNextFrame();
                if (frame == null) {
                    break;
                }
                int channels = frame.header.channels;
                double scale = 1.0 / (1L << (frame.header.bitsPerSample - 1));
                var data = decoder.getChannelData();
                for (int i = 0; i < frame.header.blockSize; i++) {
                    long sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += data[c].getOutput()[i];
                    }
                    out.addFrame(sum * scale, channels);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidAudioException("the FLAC file is corrupt: a frame cannot be decoded", e);
        }
        if (decoder.getBadFrames() > 0 || crcErrors.count.get() > 0) {
            throw new InvalidAudioException("the FLAC file is corrupt: some frames fail their checksum");
        }
        if (declared > 0 && out.size() < declared) {
            throw new InvalidAudioException(String.format(
                    java.util.Locale.ROOT,
                    "the FLAC file is truncated: its header declares %d samples but only %d are present",
                    declared,
                    out.size()));
        }
        out.keep(0, declared > 0 ? (int) declared : out.size());
        return out.toAudio(AudioContainer.FLAC);
    }

    /** jFLAC zeroes a frame whose CRC fails and only reports it to listeners. */
    private static final class CrcErrors implements FrameListener {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void processMetadata(Metadata metadata) {}

        @Override
        public void processFrame(Frame frame) {}

        @Override
        public void processError(String message) {
            if (message.startsWith("CRC")) {
                count.incrementAndGet();
            }
        }
    }
}
