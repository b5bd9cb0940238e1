/**
 * Engine-side audio front end, as the official F5-TTS inference: silence-aware clipping of long references, RMS
 * boost of quiet references (undone on the output), resampling to the model rate, and the cross-fade between chunks.
 */
@NullMarked
package org.voicequeue.worker.audio;

import org.jspecify.annotations.NullMarked;
