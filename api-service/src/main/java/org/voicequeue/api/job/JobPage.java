package org.voicequeue.api.job;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET /v1/jobs}, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
record JobPage(
        List<JobResource> data, boolean hasMore, @Nullable String nextCursor) {}
