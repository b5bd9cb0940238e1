package org.voicequeue.api.system;

import org.voicequeue.model.job.ErrorCodes;

/**
 * One bad request field, as listed in a problem's {@code errors}.
 *
 * @param code the specific error code of this field (e.g. {@code text_too_long}), else {@code validation_failed}
 */
public record FieldProblem(String field, String message, String code) {

    public static FieldProblem of(String field, String message) {
        return new FieldProblem(field, message, ErrorCodes.VALIDATION_FAILED);
    }
}
