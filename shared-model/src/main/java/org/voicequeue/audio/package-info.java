@NullMarked
package org.voicequeue.audio;

import org.jspecify.annotations.NullMarked;
