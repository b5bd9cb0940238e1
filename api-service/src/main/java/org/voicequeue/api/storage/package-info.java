@NullMarked
package org.voicequeue.api.storage;

import org.jspecify.annotations.NullMarked;
