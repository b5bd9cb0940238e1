package org.voicequeue.testsupport;

/** One way of providing the servers: where they answer, and stopping/starting one for outage tests. */
interface Servers {

    Endpoints endpoints();

    /** Makes the server unreachable; returns once it no longer answers. */
    void stop(Service service);

    /** Brings the server back; returns once it answers again. */
    void start(Service service);

    /** A line for the log saying where the servers come from. */
    String description();
}
