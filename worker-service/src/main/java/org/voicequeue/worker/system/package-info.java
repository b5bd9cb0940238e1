/** Worker wiring: configuration, heartbeat, health, Kafka topics. */
@NullMarked
package org.voicequeue.worker.system;

import org.jspecify.annotations.NullMarked;
