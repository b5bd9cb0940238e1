package org.voicequeue.api.job;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.voicequeue.api.system.OwnerInterceptor;
import org.voicequeue.api.system.ProblemResponses;

@RestController
@RequestMapping("/v1/jobs")
@Tag(name = "Jobs")
class JobController {
    static final String AUDIO_WAV = "audio/wav";

    private final JobSubmissionService submissions;
    private final JobService jobs;

    JobController(JobSubmissionService submissions, JobService jobs) {
        this.submissions = submissions;
        this.jobs = jobs;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Submit a synthesis job",
            description = "Answers 202 with the job; poll GET /v1/jobs/{id}. "
                    + "The same Idempotency-Key with the same body within 24 h returns the original job.")
    @ApiResponse(
            responseCode = "202",
            description = "accepted and queued",
            content = @Content(schema = @Schema(implementation = JobResource.class)))
    @ProblemResponses.Common
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @ProblemResponses.Upload
    ResponseEntity<JobResource> submit(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner,
            @RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String idempotencyKey,
            @Parameter(description = "WAV, FLAC, MP3 or OGG, at most 20 MB, 1-30 s of speech")
                    @RequestPart(name = "reference_audio", required = false)
                    @Nullable
                    MultipartFile referenceAudio,
            @RequestParam(name = "voice_id", required = false) @Nullable String voiceId,
            @Parameter(description = "transcript of the reference audio, at most 1,000 characters")
                    @RequestParam(name = "reference_text", required = false)
                    @Nullable
                    String referenceText,
            @Parameter(description = "what to say, 1-20,000 characters")
                    @RequestParam(name = "text", required = false)
                    @Nullable
                    String text,
            @Parameter(description = "F5-TTS (default), E2-TTS or another id from GET /v1/models")
                    @RequestParam(name = "model", required = false)
                    @Nullable
                    String model,
            @Parameter(description = "0.1-3.0, default 1.0") @RequestParam(name = "speed", required = false) @Nullable
                    String speed,
            @Parameter(description = "4-64, default 32") @RequestParam(name = "nfe_steps", required = false) @Nullable
                    String nfeSteps,
            @Parameter(description = "0-10, default 2.0")
                    @RequestParam(name = "cfg_strength", required = false)
                    @Nullable
                    String cfgStrength,
            @Parameter(description = "-1.0-1.0, default -1.0")
                    @RequestParam(name = "sway_sampling_coef", required = false)
                    @Nullable
                    String swaySamplingCoef,
            @RequestParam(name = "seed", required = false) @Nullable String seed,
            @Parameter(description = "wav (default)") @RequestParam(name = "output_format", required = false) @Nullable
                    String outputFormat,
            @Parameter(description = "https URL for webhooks (http only for allowed hosts)")
                    @RequestParam(name = "callback_url", required = false)
                    @Nullable
                    String callbackUrl,
            @Parameter(description = "comma list of started, completed, failed, canceled")
                    @RequestParam(name = "callback_events", required = false)
                    @Nullable
                    String callbackEvents,
            @Parameter(description = "JSON object, at most 4 KB, echoed back")
                    @RequestParam(name = "metadata", required = false)
                    @Nullable
                    String metadata)
            throws IOException {
        var form = new JobSubmissionForm(
                referenceAudio == null ? null : referenceAudio.getBytes(),
                voiceId,
                referenceText,
                text,
                model,
                speed,
                nfeSteps,
                cfgStrength,
                swaySamplingCoef,
                seed,
                outputFormat,
                callbackUrl,
                callbackEvents,
                metadata);
        JobResource job = submissions.submit(owner, idempotencyKey, form).job();
        return ResponseEntity.accepted()
                .location(URI.create("/v1/jobs/" + job.id()))
                .body(job);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a job")
    @ApiResponse(
            responseCode = "200",
            description = "the job",
            content = @Content(schema = @Schema(implementation = JobResource.class)))
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    JobResource get(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner, @PathVariable String id) {
        return jobs.get(id, owner);
    }

    @GetMapping(
            path = "/{id}/audio",
            produces = {MediaType.APPLICATION_JSON_VALUE, AUDIO_WAV})
    @Operation(
            summary = "Get the audio of a succeeded job",
            description = "JSON with base64 by default; the raw WAV bytes with Accept: audio/wav.")
    @ApiResponse(
            responseCode = "200",
            description = "the audio",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = AudioResource.class)),
                @Content(mediaType = AUDIO_WAV, schema = @Schema(type = "string", format = "binary"))
            })
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Gone
    ResponseEntity<?> audio(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        JobService.Audio audio = jobs.audio(id, owner);
        if (wantsWav(accept)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(AUDIO_WAV))
                    .body(audio.wav());
        }
        JobResource.Result result = audio.job().result();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new AudioResource(
                        id,
                        "wav",
                        result == null ? null : result.sampleRate(),
                        result == null ? null : result.durationSeconds(),
                        Base64.getEncoder().encodeToString(audio.wav())));
    }

    /** Raw bytes only when the client prefers a WAV type over JSON; a wildcard gets the JSON default. */
    static boolean wantsWav(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        MimeTypeUtils.sortBySpecificity(types);
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.isWildcardType() || type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
            if ("audio".equals(type.getType())
                    && (type.isWildcardSubtype() || type.getSubtype().contains("wav"))) {
                return true;
            }
        }
        return false;
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Cancel a queued or running job",
            description = "A queued job is canceled at once; a "
                    + "running one stops between synthesis steps (poll for status canceled).")
    @ApiResponse(
            responseCode = "202",
            description = "canceled, or cancellation requested",
            content = @Content(schema = @Schema(implementation = JobResource.class)))
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    ResponseEntity<JobResource> cancel(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner, @PathVariable String id) {
        return ResponseEntity.accepted().body(jobs.cancel(id, owner));
    }

    @GetMapping
    @Operation(summary = "List jobs, newest first, with cursor pagination")
    @ApiResponse(
            responseCode = "200",
            description = "one page of jobs",
            content = @Content(schema = @Schema(implementation = JobPage.class)))
    @ProblemResponses.Common
    @ProblemResponses.BadRequest
    JobPage list(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner,
            @Parameter(description = "queued, running, succeeded, failed or canceled")
                    @RequestParam(required = false)
                    @Nullable
                    String status,
            @RequestParam(name = "batch_id", required = false) @Nullable String batchId,
            @Parameter(description = "1-100, default 20") @RequestParam(required = false) @Nullable Integer limit,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) @Nullable
                    String cursor) {
        return jobs.list(owner, status, batchId, limit, cursor);
    }
}
