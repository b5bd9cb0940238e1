package org.voicequeue.api.webhook;

/**
 * Fields of the job hash {@code vq:job:{id}} that the job submission writes for webhooks. Kept here rather than in
 * {@link org.voicequeue.model.redis.JobFields} because only the api-service reads them.
 */
public final class CallbackFields {
    /** The callback URL as accepted by {@link CallbackUrlPolicy#check(String)}. */
    public static final String CALLBACK_URL = "callback_url";
    /** The subscribed events, normalised by {@link CallbackEvents#normalize(String)}, e.g. {@code completed,failed}. */
    public static final String CALLBACK_EVENTS = "callback_events";

    private CallbackFields() {}
}
