/**
 * JMH micro-benchmarks of the platform's inner loops. Every benchmark class pairs the measured methods with a
 * {@code baseline...} method that runs in the same fork, so results are read as ratios to that baseline (see
 * scripts/bench-jmh.sh), never as absolute times. JMH requires the benchmark and state classes to be public.
 */
@NullMarked
package org.voicequeue.benchmarks;

import org.jspecify.annotations.NullMarked;
