@NullMarked
package org.voicequeue.model.job;

import org.jspecify.annotations.NullMarked;
