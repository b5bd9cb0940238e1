package org.voicequeue.api.job;

import static org.voicequeue.api.job.JobParamsParser.blankToNull;

import java.util.ArrayList;
import java.util.List;
import org.voicequeue.api.webhook.CallbackUrlPolicy;
import org.springframework.stereotype.Component;
import org.voicequeue.api.model.ModelCatalog;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.job.JobParams;

/** Checks every field of a submission and reports all bad ones at once (problem+json {@code errors}). */
@Component
class SubmissionValidator {
    static final String DEFAULT_MODEL = "F5-TTS";

    private final VoiceQueueProperties.Limits limits;
    private final ModelCatalog models;
    private final ReferenceAudioCheck audioCheck;
    private final CallbackCheck callbackCheck;
    private final MetadataCheck metadataCheck;
    private final CallbackUrlPolicy callbackPolicy;

    SubmissionValidator(VoiceQueueProperties properties, ModelCatalog models, ReferenceAudioCheck audioCheck,
            MetadataCheck metadataCheck, CallbackUrlPolicy callbackPolicy) {
        this.callbackPolicy = callbackPolicy;
        this.limits = properties.limits();
        this.models = models;
        this.audioCheck = audioCheck;
        this.callbackCheck = new CallbackCheck(properties.webhook().allowedHosts());
        this.metadataCheck = metadataCheck;
    }

    ValidSubmission validate(JobSubmissionForm form) {
        List<FieldProblem> problems = new ArrayList<>();
        String text = required("text", form.text(), limits.maxTextChars(), ErrorCodes.TEXT_TOO_LONG, problems);
        String referenceText = required("reference_text", form.referenceText(), limits.maxReferenceTextChars(),
                ErrorCodes.VALIDATION_FAILED, problems);
        String model = blankToNull(form.model()) == null ? DEFAULT_MODEL : form.model().trim();
        if (!models.isKnown(model)) {
            problems.add(new FieldProblem("model", "is not a model that GET /v1/models lists",
                    ErrorCodes.UNKNOWN_MODEL));
        }
        JobParams params = JobParamsParser.parse(form, problems);
        callbackCheck.check(form.callbackUrl(), form.callbackEvents(), problems);
        // syntax first; then where the URL leads (loopback, private, metadata ...), checked again at delivery time
        if (blankToNull(form.callbackUrl()) != null
                && problems.stream().noneMatch(p -> p.field().equals("callback_url"))) {
            callbackPolicy.findRefusal(form.callbackUrl().trim())
                    .ifPresent(reason -> problems.add(FieldProblem.of("callback_url", reason)));
        }
        metadataCheck.check(form.metadata(), problems);
        if (blankToNull(form.voiceId()) != null) {
            problems.add(FieldProblem.of("voice_id", "stored voices are not supported yet; send reference_audio"));
        }
        byte[] audio = form.referenceAudio();
        if (audio == null || audio.length == 0) {
            if (blankToNull(form.voiceId()) == null) {
                problems.add(FieldProblem.of("reference_audio", "is required"));
            }
        } else {
            audioCheck.check(audio, problems);
        }
        if (!problems.isEmpty()) {
            throw new RequestValidationException(problems);
        }
        return new ValidSubmission(audio, Hashing.sha256Hex(audio), referenceText, text, model, params,
                blankToNull(form.callbackUrl()), callbackCheck.eventsOrDefault(form.callbackUrl(),
                        form.callbackEvents()), blankToNull(form.metadata()));
    }

    private static String required(String field, String value, int maxChars, String tooLongCode,
            List<FieldProblem> problems) {
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
