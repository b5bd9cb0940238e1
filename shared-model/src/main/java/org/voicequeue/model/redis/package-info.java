@NullMarked
package org.voicequeue.model.redis;

import org.jspecify.annotations.NullMarked;
