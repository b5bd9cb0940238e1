package org.voicequeue.api.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.voicequeue.api.batch.BatchAudioExpiredException;
import org.voicequeue.api.batch.BatchFinishedException;
import org.voicequeue.api.batch.BatchNotFinishedException;
import org.voicequeue.api.batch.BatchNotFoundException;
import org.voicequeue.api.batch.BatchNotJoinedException;
import org.voicequeue.api.job.IdempotencyConflictException;
import org.voicequeue.api.job.JobFinishedException;
import org.voicequeue.api.job.JobNotFinishedException;
import org.voicequeue.api.job.JobNotFoundException;
import org.voicequeue.api.job.ResultExpiredException;
import org.voicequeue.api.storage.ReferenceAudioStoreException;
import org.voicequeue.api.voice.VoiceNotFoundException;
import org.voicequeue.api.webhook.BatchDeliveriesNotFoundException;
import org.voicequeue.api.webhook.DeliveriesNotFoundException;
import org.voicequeue.model.job.ErrorCodes;

/**
 * The one table from exception type to HTTP status and error code. The nearest superclass with a row wins; anything
 * without a row is a 500. Details of framework exceptions are fixed sentences so no class name or internal message
 * ever reaches a client.
 */
final class ProblemTable {
    static final String UNAUTHORIZED = "unauthorized";
    static final String NOT_ACCEPTABLE = "not_acceptable";

    record Rule(HttpStatus status, String code, Function<Throwable, String> detail) {}

    private static final Rule INTERNAL =
            new Rule(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR, e -> "An unexpected error occurred.");
    private static final Function<Throwable, String> OWN_MESSAGE = Throwable::getMessage;
    private static final Function<Throwable, String> UNAVAILABLE =
            e -> "A backing service is unavailable; retry later.";

    private static final Map<Class<? extends Throwable>, Rule> ROWS = new LinkedHashMap<>();

    static {
        row(
                RequestValidationException.class,
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                e -> "The request has invalid fields.");
        row(JobNotFoundException.class, HttpStatus.NOT_FOUND, ErrorCodes.JOB_NOT_FOUND, OWN_MESSAGE);
        row(DeliveriesNotFoundException.class, HttpStatus.NOT_FOUND, ErrorCodes.JOB_NOT_FOUND, OWN_MESSAGE);
        row(JobNotFinishedException.class, HttpStatus.CONFLICT, ErrorCodes.JOB_NOT_FINISHED, OWN_MESSAGE);
        row(JobFinishedException.class, HttpStatus.CONFLICT, ErrorCodes.JOB_FINISHED, OWN_MESSAGE);
        row(ResultExpiredException.class, HttpStatus.GONE, ErrorCodes.RESULT_EXPIRED, OWN_MESSAGE);
        row(BatchNotFoundException.class, HttpStatus.NOT_FOUND, BatchNotFoundException.CODE, OWN_MESSAGE);
        row(BatchDeliveriesNotFoundException.class, HttpStatus.NOT_FOUND, BatchNotFoundException.CODE, OWN_MESSAGE);
        row(BatchNotFinishedException.class, HttpStatus.CONFLICT, BatchNotFinishedException.CODE, OWN_MESSAGE);
        row(BatchFinishedException.class, HttpStatus.CONFLICT, BatchFinishedException.CODE, OWN_MESSAGE);
        row(BatchNotJoinedException.class, HttpStatus.CONFLICT, BatchNotJoinedException.CODE, OWN_MESSAGE);
        row(BatchAudioExpiredException.class, HttpStatus.GONE, ErrorCodes.RESULT_EXPIRED, OWN_MESSAGE);
        row(VoiceNotFoundException.class, HttpStatus.NOT_FOUND, VoiceNotFoundException.CODE, OWN_MESSAGE);
        row(IdempotencyConflictException.class, HttpStatus.CONFLICT, ErrorCodes.IDEMPOTENCY_CONFLICT, OWN_MESSAGE);
        row(UnauthorizedException.class, HttpStatus.UNAUTHORIZED, UNAUTHORIZED, OWN_MESSAGE);
        row(
                ServiceUnavailableException.class,
                HttpStatus.SERVICE_UNAVAILABLE,
                ErrorCodes.SERVICE_UNAVAILABLE,
                OWN_MESSAGE);
        row(
                ReferenceAudioStoreException.class,
                HttpStatus.SERVICE_UNAVAILABLE,
                ErrorCodes.SERVICE_UNAVAILABLE,
                e -> "The object store is unavailable; retry later.");
        row(DataAccessException.class, HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE, UNAVAILABLE);
        row(
                MaxUploadSizeExceededException.class,
                HttpStatus.CONTENT_TOO_LARGE,
                ErrorCodes.PAYLOAD_TOO_LARGE,
                e -> "The upload is larger than allowed (reference_audio at most 20 MB).");
        row(
                MultipartException.class,
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                e -> "The multipart body could not be read.");
        row(
                HttpMediaTypeNotSupportedException.class,
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                e -> "This endpoint takes multipart/form-data.");
        row(
                HttpMediaTypeNotAcceptableException.class,
                HttpStatus.NOT_ACCEPTABLE,
                NOT_ACCEPTABLE,
                e -> "None of the accepted media types can be produced.");
        row(
                HttpRequestMethodNotSupportedException.class,
                HttpStatus.METHOD_NOT_ALLOWED,
                ErrorCodes.METHOD_NOT_ALLOWED,
                e -> "Method " + ((HttpRequestMethodNotSupportedException) e).getMethod() + " is not allowed here.");
        row(NoResourceFoundException.class, HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, e -> "No such resource.");
        row(NoHandlerFoundException.class, HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, e -> "No such resource.");
        row(
                MissingServletRequestPartException.class,
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                e -> "Part " + ((MissingServletRequestPartException) e).getRequestPartName() + " is required.");
        row(
                MissingServletRequestParameterException.class,
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                e -> "Parameter " + ((MissingServletRequestParameterException) e).getParameterName() + " is required.");
        row(
                MissingRequestHeaderException.class,
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                e -> "Header " + ((MissingRequestHeaderException) e).getHeaderName() + " is required.");
        row(
                MethodArgumentTypeMismatchException.class,
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                e -> "Parameter " + ((MethodArgumentTypeMismatchException) e).getName() + " has a bad value.");
        row(
                HttpMessageNotReadableException.class,
                HttpStatus.BAD_REQUEST,
                ErrorCodes.VALIDATION_FAILED,
                e -> "The request body could not be read.");
    }

    private ProblemTable() {}

    private static void row(
            Class<? extends Throwable> type, HttpStatus status, String code, Function<Throwable, String> detail) {
        ROWS.put(type, new Rule(status, code, detail));
    }

    static Rule ruleFor(Throwable exception) {
        for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
            Rule rule = ROWS.get(type);
            if (rule != null) {
                return rule;
            }
        }
        return INTERNAL;
    }
}
