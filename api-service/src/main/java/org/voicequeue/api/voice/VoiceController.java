package org.voicequeue.api.voice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
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
@RequestMapping("/v1/voices")
@Tag(name = "Voices")
class VoiceController {
    private final VoiceService voices;

    VoiceController(VoiceService voices) {
        this.voices = voices;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Store a voice (reference clip + transcript) for reuse by voice_id",
            description = "The clip is checked like a job's reference_audio and stored once by content hash.")
    @ApiResponse(
            responseCode = "201",
            description = "stored",
            content = @Content(schema = @Schema(implementation = VoiceResource.class)))
    @ProblemResponses.Common
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @ProblemResponses.Upload
    ResponseEntity<VoiceResource> create(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            @Parameter(description = "WAV, FLAC, MP3 or OGG, at most 20 MB, 1-30 s of speech")
                    @RequestPart(name = "reference_audio", required = false)
                    @Nullable
                    MultipartFile referenceAudio,
            @Parameter(description = "transcript of the clip, at most 1,000 characters")
                    @RequestParam(name = "reference_text", required = false)
                    @Nullable
                    String referenceText,
            @Parameter(description = "a name for the voice, at most 100 characters")
                    @RequestParam(name = "name", required = false)
                    @Nullable
                    String name)
            throws IOException {
        VoiceResource voice = voices.create(
                owner, idempotencyKey, referenceAudio == null ? null : referenceAudio.getBytes(), referenceText, name);
        return ResponseEntity.created(URI.create("/v1/voices/" + voice.id())).body(voice);
    }

    @GetMapping
    @Operation(summary = "List the caller's voices, newest first (at most 100)")
    @ApiResponse(
            responseCode = "200",
            description = "the voices",
            content = @Content(schema = @Schema(implementation = VoiceList.class)))
    @ProblemResponses.Common
    VoiceList list(@Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner) {
        return voices.list(owner);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a voice")
    @ApiResponse(
            responseCode = "200",
            description = "the voice",
            content = @Content(schema = @Schema(implementation = VoiceResource.class)))
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    VoiceResource get(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner, @PathVariable String id) {
        return voices.get(owner, id);
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Delete a voice",
            description = "Jobs and batches already submitted with it are not "
                    + "affected: they copied its audio key and transcript.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ProblemResponses.Common
    @ProblemResponses.NotFound
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) @RequestAttribute(OwnerInterceptor.OWNER) String owner, @PathVariable String id) {
        voices.delete(owner, id);
        return ResponseEntity.noContent().build();
    }
}
