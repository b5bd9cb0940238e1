@NullMarked
package org.voicequeue.api.job;

import org.jspecify.annotations.NullMarked;
