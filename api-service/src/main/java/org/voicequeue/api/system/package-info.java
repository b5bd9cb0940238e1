@NullMarked
package org.voicequeue.api.system;

import org.jspecify.annotations.NullMarked;
