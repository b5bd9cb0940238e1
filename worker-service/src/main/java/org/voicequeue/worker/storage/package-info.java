/** Object storage adapters; the only package that imports {@code io.minio}. */
@NullMarked
package org.voicequeue.worker.storage;

import org.jspecify.annotations.NullMarked;
