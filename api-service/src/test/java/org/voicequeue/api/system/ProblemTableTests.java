package org.voicequeue.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

class ProblemTableTests {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(
                        new RequestValidationException(List.of(FieldProblem.of("text", "x"))),
                        400,
                        "validation_failed"),
                Arguments.of(new UnauthorizedException("no key"), 401, "unauthorized"),
                Arguments.of(
                        new ServiceUnavailableException("down", null, new RuntimeException()),
                        503,
                        "service_unavailable"),
                Arguments.of(new RedisConnectionFailureException("refused"), 503, "service_unavailable"),
                Arguments.of(new QueryTimeoutException("slow"), 503, "service_unavailable"),
                Arguments.of(new MaxUploadSizeExceededException(20_000_000), 413, "payload_too_large"),
                Arguments.of(new MultipartException("broken"), 400, "validation_failed"),
                Arguments.of(
                        new HttpMediaTypeNotSupportedException(MediaType.APPLICATION_JSON, List.of()),
                        415,
                        "unsupported_media_type"),
                Arguments.of(new HttpRequestMethodNotSupportedException("PUT"), 405, "method_not_allowed"),
                Arguments.of(new NoResourceFoundException(HttpMethod.GET, "/x", "x"), 404, "not_found"),
                Arguments.of(new IllegalStateException("secret internals"), 500, "internal_error"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("rows")
    void eachExceptionTypeHasOneStatusAndCode(Throwable exception, int status, String code) {
        ProblemTable.Rule rule = ProblemTable.ruleFor(exception);

        assertThat(rule.status().value()).isEqualTo(status);
        assertThat(rule.code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void noDetailNamesAClass(Throwable exception, int status, String code) {
        String detail = ProblemTable.ruleFor(exception).detail().apply(exception);

        assertThat(detail).doesNotContain("Exception", "org.", "java.", "secret internals");
    }

    @org.junit.jupiter.api.Test
    void theProblemCodeIsTheSpecificCodeWhenOnlyOneOccurs() {
        var tooLong = new FieldProblem("text", "too long", "text_too_long");
        var badSpeed = FieldProblem.of("speed", "range");
        var badAudio = new FieldProblem("reference_audio", "silence", "invalid_audio");

        assertThat(new RequestValidationException(List.of(tooLong)).code()).isEqualTo("text_too_long");
        assertThat(new RequestValidationException(List.of(tooLong, badSpeed)).code())
                .isEqualTo("text_too_long");
        assertThat(new RequestValidationException(List.of(tooLong, badAudio)).code())
                .isEqualTo("validation_failed");
        assertThat(new RequestValidationException(List.of(badSpeed)).code()).isEqualTo("validation_failed");
        assertThat(HttpStatus.CONTENT_TOO_LARGE.value()).isEqualTo(413);
    }
}
