package org.voicequeue.api.system;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;

/** Turns every exception into an {@code application/problem+json} answer using {@link ProblemTable}. */
@RestControllerAdvice
class ProblemAdvice {
    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(Throwable.class)
    ResponseEntity<ProblemDetail> handle(Throwable exception, HttpServletRequest request) {
        ProblemTable.Rule rule = ProblemTable.ruleFor(exception);
        String code = exception instanceof RequestValidationException invalid ? invalid.code() : rule.code();
        ProblemDetail problem = Problems.of(rule.status(), code, rule.detail().apply(exception));
        problem.setInstance(URI.create(request.getRequestURI()));
        if (exception instanceof RequestValidationException invalid) {
            problem.setProperty("errors", invalid.problems());
        }
        log(rule.status(), code, exception, jobIdOf(exception, request), request);
        return ResponseEntity.status(rule.status())
                .headers(headersFor(rule.status(), exception))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpHeaders headersFor(HttpStatus status, Throwable exception) {
        HttpHeaders headers = new HttpHeaders();
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (exception instanceof HttpRequestMethodNotSupportedException wrongMethod
                && wrongMethod.getSupportedHttpMethods() != null) {
            headers.setAllow(wrongMethod.getSupportedHttpMethods());
        }
        return headers;
    }

    private static void log(
            HttpStatus status, String code, Throwable exception, @Nullable String jobId, HttpServletRequest request) {
        try (var ignored = jobId == null ? null : MDC.putCloseable("job_id", jobId)) {
            if (status.is5xxServerError()) {
                log.error(
                        "{} {} -> {} {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        status.value(),
                        code,
                        exception);
            } else {
                log.warn(
                        "{} {} -> {} {}: {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        status.value(),
                        code,
                        ProblemTable.ruleFor(exception).detail().apply(exception));
            }
        }
    }

    private static @Nullable String jobIdOf(Throwable exception, HttpServletRequest request) {
        if (exception instanceof ApiException api) {
            return api.jobId();
        }
        if (exception instanceof ServiceUnavailableException unavailable && unavailable.jobId() != null) {
            return unavailable.jobId();
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("id") instanceof String id) {
            return id;
        }
        return null;
    }
}
