package org.voicequeue.api.system;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** OpenAPI declarations of the problem answers, so the served document lists every error an endpoint can give. */
public final class ProblemResponses {
    private ProblemResponses() {}

    /** The RFC 9457 body of every error (documentation only; {@link ProblemAdvice} builds the real one). */
    @Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
    record Problem(
            String type,
            String title,
            int status,
            String detail,
            @Nullable String instance,

            @Schema(description = "stable machine-readable code, e.g. invalid_audio")
            String code,

            @Schema(description = "validation problems, one per bad field") @Nullable
            List<FieldProblem> errors) {}

    /** 401 (API key) and 503 (Kafka, Redis or the object store down): every /v1 endpoint can answer these. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "401",
            description = "missing or invalid API key (code unauthorized)",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "503",
            description = "a backing service is unavailable (code service_unavailable); " + "see Retry-After",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public @interface Common {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "400",
            description = "invalid fields (validation_failed, text_too_long, invalid_audio, "
                    + "unknown_model), listed in errors",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public @interface BadRequest {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "no such job, batch or voice for this caller "
                    + "(job_not_found, batch_not_found, voice_not_found)",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "409",
            description = "conflict with the state of the job or batch, or an "
                    + "Idempotency-Key (job_not_finished, job_finished, batch_not_finished, batch_finished, batch_not_joined, "
                    + "idempotency_conflict)",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "410",
            description = "the audio outlived the result TTL (result_expired)",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public @interface Gone {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "413",
            description = "upload over 20 MB (payload_too_large)",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "415",
            description = "not multipart/form-data (unsupported_media_type)",
            content =
                    @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public @interface Upload {}
}
