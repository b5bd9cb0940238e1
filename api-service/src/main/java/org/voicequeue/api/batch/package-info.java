/**
 * Batch narration: many texts in one voice, each item a job, counted as their job events arrive, optionally joined
 * into one WAV. Items are released to the jobs topic a few at a time (see {@code BatchProperties#maxInFlight}).
 */
@NullMarked
package org.voicequeue.api.batch;

import org.jspecify.annotations.NullMarked;
