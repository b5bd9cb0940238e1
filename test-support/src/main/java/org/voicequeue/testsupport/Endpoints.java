package org.voicequeue.testsupport;

import java.util.Objects;

/** Where the servers answer and how to sign S3 requests. */
record Endpoints(
        String kafkaBootstrap,
        String redisHost,
        int redisPort,
        String s3Endpoint,
        String s3AccessKey,
        String s3SecretKey) {

    Endpoints {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(redisHost, "redisHost");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(s3AccessKey, "s3AccessKey");
        Objects.requireNonNull(s3SecretKey, "s3SecretKey");
        if (redisPort < 1 || redisPort > 65535) {
            throw new IllegalArgumentException("redis port out of range: " + redisPort);
        }
    }

    @Override
    public String toString() { // never print the secret
        return "Endpoints[kafka=%s, redis=%s:%d, s3=%s, s3AccessKey=%s]"
                .formatted(kafkaBootstrap, redisHost, redisPort, s3Endpoint, s3AccessKey);
    }
}
