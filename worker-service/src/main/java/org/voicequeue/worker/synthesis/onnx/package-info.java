/**
 * F5-TTS / E2-TTS behind {@link org.voicequeue.worker.synthesis.SpeechSynthesizer} on ONNX Runtime, following
 * {@code models/GRAPH-CONTRACT.md}: four graphs (mel, text_embed, transformer, vocoder), the ODE loop in Java.
 * The only package that imports {@code ai.onnxruntime}.
 */
@NullMarked
package org.voicequeue.worker.synthesis.onnx;

import org.jspecify.annotations.NullMarked;
