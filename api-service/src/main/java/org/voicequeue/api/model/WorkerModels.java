package org.voicequeue.api.model;

import java.util.List;
import org.voicequeue.model.model.ModelInfo;

/** What live workers report about their installed models. */
interface WorkerModels {

    /** One entry per (live worker, installed model). */
    List<ModelInfo> reported();
}
