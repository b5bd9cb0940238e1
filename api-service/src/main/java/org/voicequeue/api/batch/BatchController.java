package org.voicequeue.api.batch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
@RequestMapping("/v1/batches")
@Tag(name = "Batches")
class BatchController {
    static final String AUDIO_WAV = "audio/wav";

    private final BatchSubmissionService submissions;
    private final BatchService batches;

    BatchController(BatchSubmissionService submissions, BatchService batches) {
        this.submissions = submissions;
        this.batches = batches;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Submit a batch: many texts in one voice, each item a job",
            description = "Every item is validated before anything is created (problems name items[i].field). "
                    + "Items run a few at a time so a batch never holds up other users' jobs.")
    @ApiResponse(
            responseCode = "202",
            description = "accepted and queued",
            content = @Content(schema = @Schema(implementation = BatchResource.class)))
    @ProblemResponses.Common
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @ProblemResponses.Upload
    ResponseEntity<BatchResource> submit(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            @Parameter(description = "WAV, FLAC, MP3 or OGG, at most 20 MB (or voice_id)")
                    @RequestPart(name = "reference_audio", required = false)
                    @Nullable
                    MultipartFile referenceAudio,
            @Parameter(description = "a stored voice instead of reference_audio")
                    @RequestParam(name = "voice_id", required = false)
                    @Nullable
                    String voiceId,
            @Parameter(description = "transcript of the reference audio; optional with voice_id")
                    @RequestParam(name = "reference_text", required = false)
                    @Nullable
                    String referenceText,
            @Parameter(
                            description =
                                    "JSON array of 1-1,000 {\"text\", \"id\"?, \"model\"?, \"metadata\"?, "
                                            + "\"speed\"?, \"nfe_steps\"?, \"cfg_strength\"?, \"sway_sampling_coef\"?, \"seed\"?}")
                    @RequestParam(name = "items", required = false)
                    @Nullable
                    String items,
            @RequestParam(name = "model", required = false) @Nullable String model,
            @RequestParam(name = "speed", required = false) @Nullable String speed,
            @RequestParam(name = "nfe_steps", required = false) @Nullable String nfeSteps,
            @RequestParam(name = "cfg_strength", required = false) @Nullable String cfgStrength,
            @RequestParam(name = "sway_sampling_coef", required = false) @Nullable String swaySamplingCoef,
            @RequestParam(name = "seed", required = false) @Nullable String seed,
            @RequestParam(name = "output_format", required = false) @Nullable String outputFormat,
            @Parameter(description = "true: also join the items' audio, in order, into one WAV")
                    @RequestParam(name = "join", required = false)
                    @Nullable
                    String join,
            @Parameter(description = "silence between joined items, 0-10,000 ms, default 0")
                    @RequestParam(name = "pause_ms", required = false)
                    @Nullable
                    String pauseMs,
            @Parameter(description = "https URL for the batch.completed webhook")
                    @RequestParam(name = "callback_url", required = false)
                    @Nullable
                    String callbackUrl,
            @RequestParam(name = "callback_events", required = false) @Nullable String callbackEvents,
            @Parameter(description = "JSON object, at most 4 KB")
                    @RequestParam(name = "metadata", required = false)
                    @Nullable
                    String metadata)
            throws IOException {
        var form = new BatchForm(
                referenceAudio == null ? null : referenceAudio.getBytes(),
                voiceId,
                referenceText,
                items,
                model,
                speed,
                nfeSteps,
                cfgStrength,
                swaySamplingCoef,
                seed,
                outputFormat,
                join,
                pauseMs,
                callbackUrl,
                callbackEvents,
                metadata);
        BatchResource batch = submissions.submit(owner, idempotencyKey, form);
        return ResponseEntity.accepted()
                .location(URI.create("/v1/batches/" + batch.id()))
                .body(batch);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a batch with its items in order")
    @ApiResponse(
            responseCode = "200",
            description = "the batch",
            content = @Content(schema = @Schema(implementation = BatchResource.class)))
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    BatchResource get(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner, @PathVariable String id) {
        return batches.get(id, owner);
    }

    @GetMapping(
            path = "/{id}/audio",
            produces = {MediaType.APPLICATION_JSON_VALUE, AUDIO_WAV})
    @Operation(
            summary = "Get the joined audio of a succeeded join=true batch",
            description = "JSON with base64 by default; the raw WAV bytes with Accept: audio/wav.")
    @ApiResponse(
            responseCode = "200",
            description = "the joined audio",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE),
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
        byte[] wav = batches.audio(id, owner);
        if (accept != null && accept.contains("audio/") && !accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(AUDIO_WAV))
                    .body(wav);
        }
        BatchResource.Result result = batches.get(id, owner).result();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("format", "wav");
        body.put("sample_rate", result == null ? null : result.sampleRate());
        body.put("duration_seconds", result == null ? null : result.durationSeconds());
        body.put("audio_base64", Base64.getEncoder().encodeToString(wav));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Cancel what has not finished",
            description = "Queued items are canceled at once; running "
                    + "items stop between synthesis steps. A finished batch is a conflict.")
    @ApiResponse(
            responseCode = "202",
            description = "canceled, or cancellation requested",
            content = @Content(schema = @Schema(implementation = BatchResource.class)))
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    ResponseEntity<BatchResource> cancel(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner, @PathVariable String id) {
        return ResponseEntity.accepted().body(batches.cancel(id, owner));
    }

    @PostMapping("/{id}/retry")
    @Operation(
            summary = "Re-queue the failed and canceled items of a finished batch",
            description = "Each such item gets a new job in its slot; succeeded items are kept.")
    @ApiResponse(
            responseCode = "202",
            description = "re-queued",
            content = @Content(schema = @Schema(implementation = BatchResource.class)))
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    ResponseEntity<BatchResource> retry(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner, @PathVariable String id) {
        return ResponseEntity.accepted().body(batches.retry(id, owner));
    }
}
