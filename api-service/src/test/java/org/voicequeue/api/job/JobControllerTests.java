package org.voicequeue.api.job;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.api.system.ServiceUnavailableException;
import org.voicequeue.model.job.JobParams;

/** The HTTP face of jobs: every error answer is problem+json from the one table, and only with a valid key. */
@WebMvcTest(controllers = JobController.class)
@TestPropertySource(properties = "voicequeue.api-keys=ann:" + JobControllerTests.ANN_KEY_SHA256)
class JobControllerTests {
    /** SHA-256 of "ann-key". */
    static final String ANN_KEY_SHA256 = "21fdbeecb49c56644f6cc4444328f5da14132c8a38fd86aad19b4da9e521a79c";

    static final String JOB_ID = "job_01ARZ3NDEKTSV4RRFFQ69G5FAV";
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JobService jobs;

    @MockitoBean
    JobSubmissionService submissions;

    @Test
    void theKeyHashInThisTestIsTheHashOfAnnsKey() throws Exception {
        String hash = HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest("ann-key".getBytes()));
        org.assertj.core.api.Assertions.assertThat(hash).isEqualTo(ANN_KEY_SHA256);
    }

    @Test
    void aRequestWithoutAKeyIsUnauthorized() throws Exception {
        mvc.perform(get("/v1/jobs/" + JOB_ID))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }

    @Test
    void aRequestWithAnUnknownKeyIsUnauthorized() throws Exception {
        mvc.perform(get("/v1/jobs/" + JOB_ID).header("Authorization", "Bearer guess"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }

    @Test
    void theOwnerIsTheNameOfTheKey() throws Exception {
        given(jobs.get(JOB_ID, "ann")).willReturn(aQueuedJob());

        as(get("/v1/jobs/" + JOB_ID))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value(JOB_ID))
                .andExpect(jsonPath("$.status").value("queued"))
                .andExpect(jsonPath("$.created_at").value("2026-11-27T12:00:00.123Z"))
                .andExpect(jsonPath("$.params.nfe_steps").value(32))
                .andExpect(jsonPath("$.result").isEmpty());
    }

    @Test
    void anUnknownJobIsNotFound() throws Exception {
        given(jobs.get(JOB_ID, "ann")).willThrow(new JobNotFoundException(JOB_ID));

        expectProblem(as(get("/v1/jobs/" + JOB_ID)), 404, "job_not_found");
    }

    @Test
    void audioOfAnUnfinishedJobIsAConflictEvenWhenWavWasAskedFor() throws Exception {
        given(jobs.audio(JOB_ID, "ann")).willThrow(new JobNotFinishedException(JOB_ID, "running"));

        expectProblem(as(get("/v1/jobs/" + JOB_ID + "/audio")), 409, "job_not_finished");
        expectProblem(as(get("/v1/jobs/" + JOB_ID + "/audio").accept("audio/wav")), 409, "job_not_finished");
    }

    @Test
    void expiredAudioIsGone() throws Exception {
        given(jobs.audio(JOB_ID, "ann")).willThrow(new ResultExpiredException(JOB_ID));

        expectProblem(as(get("/v1/jobs/" + JOB_ID + "/audio")), 410, "result_expired");
    }

    @Test
    void audioIsBase64JsonByDefaultAndRawBytesForAcceptWav() throws Exception {
        given(jobs.audio(JOB_ID, "ann")).willReturn(new JobService.Audio(aSucceededJob(), new byte[] {'R', 'I'}));

        as(get("/v1/jobs/" + JOB_ID + "/audio"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.audio_base64").value("Ukk="))
                .andExpect(jsonPath("$.sample_rate").value(24000));
        as(get("/v1/jobs/" + JOB_ID + "/audio").accept("audio/wav"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("audio/wav"))
                .andExpect(content().bytes(new byte[] {'R', 'I'}));
    }

    @Test
    void cancelingAFinishedJobIsAConflict() throws Exception {
        given(jobs.cancel(JOB_ID, "ann")).willThrow(new JobFinishedException(JOB_ID, "succeeded"));

        expectProblem(as(delete("/v1/jobs/" + JOB_ID)), 409, "job_finished");
    }

    @Test
    void cancelingAnswersAcceptedWithTheJob() throws Exception {
        given(jobs.cancel(JOB_ID, "ann")).willReturn(aQueuedJob());

        as(delete("/v1/jobs/" + JOB_ID))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").value(JOB_ID));
    }

    @Test
    void aSubmissionThatIsNotMultipartIsUnsupported() throws Exception {
        expectProblem(
                as(post("/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("{}")),
                415,
                "unsupported_media_type");
    }

    @Test
    void validationProblemsListEveryBadField() throws Exception {
        given(submissions.submit(eq("ann"), any(), any()))
                .willThrow(new RequestValidationException(List.of(
                        new FieldProblem("text", "must be at most 20000 characters", "text_too_long"),
                        FieldProblem.of("speed", "must be between 0.1 and 3.0"))));

        expectProblem(as(aSubmission()), 400, "text_too_long")
                .andExpect(jsonPath("$.errors[0].field").value("text"))
                .andExpect(jsonPath("$.errors[1].field").value("speed"))
                .andExpect(jsonPath("$.errors[1].message").value("must be between 0.1 and 3.0"));
    }

    @Test
    void aReusedIdempotencyKeyWithAnotherBodyIsAConflict() throws Exception {
        given(submissions.submit(eq("ann"), eq("k1"), any()))
                .willThrow(new IdempotencyConflictException("used with a different request", JOB_ID));

        expectProblem(as(aSubmission().header("Idempotency-Key", "k1")), 409, "idempotency_conflict");
    }

    @Test
    void anAcceptedSubmissionAnswers202WithItsLocation() throws Exception {
        given(submissions.submit(eq("ann"), any(), any()))
                .willReturn(new JobSubmissionService.Submitted(aQueuedJob(), false));

        as(aSubmission())
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/v1/jobs/" + JOB_ID))
                .andExpect(jsonPath("$.id").value(JOB_ID));
    }

    @Test
    void aBackingServiceOutageIsServiceUnavailableWithRetryAfter() throws Exception {
        given(submissions.submit(eq("ann"), any(), any()))
                .willThrow(new ServiceUnavailableException(
                        "The job queue is unavailable; retry later.", JOB_ID, new RuntimeException("broker down")));
        given(jobs.get(JOB_ID, "ann")).willThrow(new RedisConnectionFailureException("Unable to connect"));

        expectProblem(as(aSubmission()), 503, "service_unavailable").andExpect(header().exists("Retry-After"));
        expectProblem(as(get("/v1/jobs/" + JOB_ID)), 503, "service_unavailable")
                .andExpect(content().string(not(containsString("Unable to connect"))));
    }

    @Test
    void anUnexpectedFailureShowsNoInternals() throws Exception {
        given(jobs.get(JOB_ID, "ann")).willThrow(new IllegalStateException("NullPointer in RedisJobStore"));

        expectProblem(as(get("/v1/jobs/" + JOB_ID)), 500, "internal_error")
                .andExpect(content().string(not(containsString("RedisJobStore"))))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void unknownRoutesAndWrongMethodsAreProblemsToo() throws Exception {
        expectProblem(as(get("/v1/nothing-here")), 404, "not_found");
        expectProblem(as(put("/v1/jobs/" + JOB_ID)), 405, "method_not_allowed");
    }

    @Test
    void aBadListLimitIsABadRequestNamingTheField() throws Exception {
        given(jobs.list("ann", null, null, 0, null))
                .willThrow(
                        new RequestValidationException(List.of(FieldProblem.of("limit", "must be between 1 and 100"))));

        expectProblem(as(get("/v1/jobs").param("limit", "0")), 400, "validation_failed")
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    private org.springframework.test.web.servlet.ResultActions as(AbstractMockHttpServletRequestBuilder<?> request)
            throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer ann-key"));
    }

    private static org.springframework.test.web.servlet.ResultActions expectProblem(
            org.springframework.test.web.servlet.ResultActions result, int status, String code) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.type").value("urn:voicequeue:problem:" + code))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    private static MockMultipartHttpServletRequestBuilder aSubmission() {
        return multipart("/v1/jobs")
                .file(new MockMultipartFile("reference_audio", "ref.wav", "audio/wav", new byte[] {1, 2}))
                .param("text", "Hello")
                .param("reference_text", "Hi");
    }

    static JobResource aQueuedJob() {
        return new JobResource(
                JOB_ID,
                "queued",
                "F5-TTS",
                0,
                Instant.parse("2026-11-27T12:00:00.123Z"),
                null,
                null,
                0,
                JobParams.defaults(),
                null,
                null,
                null,
                null,
                null);
    }

    static JobResource aSucceededJob() {
        return new JobResource(
                JOB_ID,
                "succeeded",
                "F5-TTS",
                1,
                Instant.parse("2026-11-27T12:00:00.123Z"),
                null,
                null,
                1,
                JobParams.defaults(),
                new JobResource.Result("/v1/jobs/" + JOB_ID + "/audio", "wav", 24000, 1.5, null),
                null,
                null,
                null,
                null);
    }
}
