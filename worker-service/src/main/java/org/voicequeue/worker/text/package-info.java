/**
 * Text front end of F5-TTS / E2-TTS: reference-text fixes, pinyin conversion, vocabulary ids, long-text chunking and
 * the duration estimate, each following the official {@code f5_tts} inference code.
 */
@NullMarked
package org.voicequeue.worker.text;

import org.jspecify.annotations.NullMarked;
