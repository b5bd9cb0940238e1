package org.voicequeue.testsupport;

/** The servers {@link TestInfrastructure} provides; a test can stop and restart each one. */
public enum Service {
    KAFKA,
    REDIS,
    S3;

    /** The name scripts/stack.sh uses. */
    String stackName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
