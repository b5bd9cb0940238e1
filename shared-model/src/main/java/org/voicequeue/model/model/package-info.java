@NullMarked
package org.voicequeue.model.model;

import org.jspecify.annotations.NullMarked;
