@NullMarked
package org.voicequeue.model.kafka;

import org.jspecify.annotations.NullMarked;
