@NullMarked
package org.voicequeue.api.model;

import org.jspecify.annotations.NullMarked;
