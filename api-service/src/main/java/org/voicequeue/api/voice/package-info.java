/** Stored voices: a reference clip and its transcript kept once and named by {@code voice_id} in jobs and batches. */
@NullMarked
package org.voicequeue.api.voice;

import org.jspecify.annotations.NullMarked;
