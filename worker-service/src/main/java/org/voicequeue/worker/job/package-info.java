/**
 * The job pipeline: consume {@code JobSubmitted}, claim the job under a Redis lease, synthesize off the poll
 * thread, write the result and publish events; commit the offset only once the job is terminal.
 */
@NullMarked
package org.voicequeue.worker.job;

import org.jspecify.annotations.NullMarked;
