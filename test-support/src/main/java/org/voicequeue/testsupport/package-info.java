/**
 * Real Kafka, Redis and S3 servers for integration tests, from one place per build (STYLE rule 12): endpoints given
 * in the environment, else Testcontainers when Docker runs, else local processes started by
 * {@code scripts/stack.sh} with the {@code test} profile. Tests never skip because Docker is missing.
 */
@NullMarked
package org.voicequeue.testsupport;

import org.jspecify.annotations.NullMarked;
