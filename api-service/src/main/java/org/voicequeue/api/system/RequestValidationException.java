package org.voicequeue.api.system;

import java.util.List;
import java.util.stream.Collectors;
import org.voicequeue.model.job.ErrorCodes;

/**
 * A request with one or more bad fields. The problem's {@code code} is the specific code when exactly one specific
 * code occurs (e.g. the text is too long, perhaps beside a bad speed), else {@code validation_failed}.
 */
public final class RequestValidationException extends RuntimeException {
    private final List<FieldProblem> problems;

    public RequestValidationException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.problems = List.copyOf(problems);
    }

    public static RequestValidationException of(String field, String message, String code) {
        return new RequestValidationException(List.of(new FieldProblem(field, message, code)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public String code() {
        var specific = problems.stream()
                .map(FieldProblem::code)
                .filter(code -> !code.equals(ErrorCodes.VALIDATION_FAILED))
                .distinct()
                .toList();
        return specific.size() == 1 ? specific.get(0) : ErrorCodes.VALIDATION_FAILED;
    }
}
