package org.voicequeue.worker.job;

/** What the poll loop does with a record once its job task ends. */
enum Outcome {
    /** The job is terminal (or was never runnable): commit the offset past the record. */
    COMMIT,
    /** Not finished here (lease lost, worker stopping, partition revoked, Redis/Kafka trouble): read it again. */
    REDELIVER
}
