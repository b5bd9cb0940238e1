#!/usr/bin/env bash
# Regenerates the audio fixtures of AudioDecoderTests, SpeechActivityTests and ResamplerTests.
# Tools (Debian 12): apt-get install -y espeak-ng sox libsox-fmt-all flac lame vorbis-tools opus-tools
# The outputs are committed; this script only documents how they were made. Encoders may not be
# bit-identical across versions, so the tests check durations, rates and levels, never exact bytes.
set -euo pipefail
cd "$(dirname "$0")"

# speech: espeak-ng writes 16-bit mono 22050 Hz
espeak-ng -w speech-22050-s16.wav "Hello from Voice Queue."

# containers, all from the same speech
flac --silent --force --best -o speech.flac speech-22050-s16.wav
# VBR: lame writes its Xing + LAME tag (gapless delay/padding) here, not for this low CBR rate
lame --quiet --id3v2-only --tt "VoiceQueue fixture" -V 7 speech-22050-s16.wav speech-id3-vbr.mp3
sox speech-22050-s16.wav -r 44100 -c 2 -t wav - rate -v | lame --quiet -t -b 80 --resample 44.1 - speech-44100-stereo-noid3.mp3
oggenc --quiet -q 1 -o speech.ogg speech-22050-s16.wav
opusenc --quiet --bitrate 24 speech-22050-s16.wav speech.opus

# reference for the resampler: sox's very-high-quality rate converter, 16-bit without dither
sox speech-22050-s16.wav -b 16 -D speech-24000-sox-rate-v.wav rate -v 24000

# sample formats: 440 Hz sine at half scale, 0.5 s (0.25 s for the wide ones)
sox -n -r 8000 -b 8 -e unsigned-integer tone-u8.wav synth 0.5 sine 440 vol 0.5
sox -n -r 16000 -b 24 tone-s24-extensible.wav synth 0.25 sine 440 vol 0.5          # sox writes WAVE_FORMAT_EXTENSIBLE for 24-bit
sox -n -r 8000 -b 32 -e signed-integer tone-s32.wav synth 0.25 sine 440 vol 0.5
sox -n -r 16000 -b 32 -e floating-point tone-f32.wav synth 0.25 sine 440 vol 0.5   # format code 3 (IEEE float)
# stereo: left = sine at half scale, right = silence, so the mono mix peaks at a quarter
sox -n -r 8000 -b 16 -c 2 tone-stereo-left-only.wav synth 0.5 sine 440 vol 0.5 remix 1 0
# a 0.2 s clip
sox -n -r 16000 -b 16 tone-0.2s.wav synth 0.2 sine 440 vol 0.5
# 1 s of very quiet noise (about -65 dBFS RMS): silence for the speech detector
sox -n -r 8000 -b 16 silence-noise.wav synth 1 whitenoise vol 0.001

# not audio, whatever the name says
printf 'This is a text file, not audio.\nIt only has a .wav name.\n' > text-named.wav
