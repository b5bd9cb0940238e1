package org.voicequeue.api.job;

import static org.voicequeue.api.job.JobParamsParser.blankToNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.voicequeue.api.model.ModelCatalog;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.api.webhook.CallbackUrlPolicy;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.job.JobParams;

/** Checks every field of a submission and reports all bad ones at once (problem+json {@code errors}). */
@Component
class SubmissionValidator {
    static final String DEFAULT_MODEL = "F5-TTS";

    private final VoiceQueueProperties.Limits limits;
    private final ModelCatalog models;
    private final ReferenceResolver references;
    private final CallbackCheck callbackCheck;
    private final MetadataCheck metadataCheck;
    private final CallbackUrlPolicy callbackPolicy;

    SubmissionValidator(
            VoiceQueueProperties properties,
            ModelCatalog models,
            ReferenceResolver references,
            MetadataCheck metadataCheck,
            CallbackUrlPolicy callbackPolicy) {
        this.callbackPolicy = callbackPolicy;
        this.limits = properties.limits();
        this.models = models;
        this.references = references;
        this.callbackCheck = new CallbackCheck(properties.webhook().allowedHosts());
        this.metadataCheck = metadataCheck;
    }

    ValidSubmission validate(String owner, JobSubmissionForm form) {
        List<FieldProblem> problems = new ArrayList<>();
        String text = required("text", form.text(), limits.maxTextChars(), ErrorCodes.TEXT_TOO_LONG, problems);
        ResolvedReference reference =
                references.resolve(owner, form.referenceAudio(), form.voiceId(), form.referenceText(), problems);
        String model = model("model", form.model(), problems);
        JobParams params = JobParamsParser.parse(form, problems);
        callbackCheck.check(form.callbackUrl(), form.callbackEvents(), problems);
        // syntax first; then where the URL leads (loopback, private, metadata ...), checked again at delivery time
        if (blankToNull(form.callbackUrl()) != null
                && problems.stream().noneMatch(p -> p.field().equals("callback_url"))) {
            callbackPolicy
                    .findRefusal(form.callbackUrl().trim())
                    .ifPresent(reason -> problems.add(FieldProblem.of("callback_url", reason)));
        }
        metadataCheck.check(form.metadata(), problems);
        if (!problems.isEmpty()) {
            throw new RequestValidationException(problems);
        }
        return new ValidSubmission(
                reference.audio(),
                reference.sha256(),
                reference.storedKey(),
                reference.text(),
                text,
                model,
                params,
                blankToNull(form.callbackUrl()),
                callbackCheck.eventsOrDefault(form.callbackUrl(), form.callbackEvents()),
                blankToNull(form.metadata()));
    }

    /**
     * {@code callback_url} and {@code callback_events} checked as for jobs (syntax, then where the URL leads); the
     * events to store, null without a URL. For batches, whose callback fields are their own.
     */
    @Nullable
    String callbackEvents(@Nullable String url, @Nullable String events, List<FieldProblem> problems) {
        callbackCheck.check(url, events, problems);
        if (url != null
                && !url.isBlank()
                && problems.stream().noneMatch(p -> p.field().equals("callback_url"))) {
            callbackPolicy
                    .findRefusal(url.trim())
                    .ifPresent(reason -> problems.add(FieldProblem.of("callback_url", reason)));
        }
        return callbackCheck.eventsOrDefault(url, events);
    }

    /** The model named in {@code field} (default F5-TTS), with a problem when no catalog lists it. */
    String model(String field, @Nullable String value, List<FieldProblem> problems) {
        String model = blankToNull(value) == null ? DEFAULT_MODEL : value.trim();
        if (!models.isKnown(model)) {
            problems.add(new FieldProblem(field, "is not a model that GET /v1/models lists", ErrorCodes.UNKNOWN_MODEL));
        }
        return model;
    }

    static String required(
            String field, @Nullable String value, int maxChars, String tooLongCode, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(FieldProblem.of(field, "is required and must not be blank"));
            return "";
        }
        if (value.codePointCount(0, value.length()) > maxChars) {
            problems.add(new FieldProblem(field, "must be at most " + maxChars + " characters", tooLongCode));
        }
        return value;
    }
}
