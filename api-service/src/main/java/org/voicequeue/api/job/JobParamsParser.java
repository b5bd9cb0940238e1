package org.voicequeue.api.job;

import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.model.job.InvalidParameterException;
import org.voicequeue.model.job.JobParams;

/**
 * Parses the synthesis parameters of a submission. Each field is checked on its own against {@link JobParams}' rules
 * (the other fields at their defaults), so one answer lists every bad field, not just the first.
 */
final class JobParamsParser {
    private JobParamsParser() {}

    /** The parameters, or null after adding at least one problem to {@code problems}. */
    static @Nullable JobParams parse(JobSubmissionForm form, List<FieldProblem> problems) {
        int before = problems.size();
        JobParams d = JobParams.defaults();
        Double speed = decimal("speed", form.speed(), d.speed(), problems);
        Integer nfeSteps = integer("nfe_steps", form.nfeSteps(), d.nfeSteps(), problems);
        Double cfg = decimal("cfg_strength", form.cfgStrength(), d.cfgStrength(), problems);
        Double sway = decimal("sway_sampling_coef", form.swaySamplingCoef(), d.swaySamplingCoef(), problems);
        Long seed = seed(form.seed(), problems);
        String format = blankToNull(form.outputFormat()) == null
                ? d.outputFormat()
                : form.outputFormat().trim();

        check(
                problems,
                p -> speed == null
                        ? p
                        : new JobParams(
                                speed,
                                p.nfeSteps(),
                                p.cfgStrength(),
                                p.swaySamplingCoef(),
                                p.seed(),
                                p.outputFormat()));
        check(
                problems,
                p -> nfeSteps == null
                        ? p
                        : new JobParams(
                                p.speed(),
                                nfeSteps,
                                p.cfgStrength(),
                                p.swaySamplingCoef(),
                                p.seed(),
                                p.outputFormat()));
        check(
                problems,
                p -> cfg == null
                        ? p
                        : new JobParams(
                                p.speed(), p.nfeSteps(), cfg, p.swaySamplingCoef(), p.seed(), p.outputFormat()));
        check(
                problems,
                p -> sway == null
                        ? p
                        : new JobParams(p.speed(), p.nfeSteps(), p.cfgStrength(), sway, p.seed(), p.outputFormat()));
        check(
                problems,
                p -> new JobParams(p.speed(), p.nfeSteps(), p.cfgStrength(), p.swaySamplingCoef(), p.seed(), format));
        if (problems.size() > before || speed == null || nfeSteps == null || cfg == null || sway == null) {
            return null;
        }
        return new JobParams(speed, nfeSteps, cfg, sway, seed, format);
    }

    private static void check(List<FieldProblem> problems, UnaryOperator<JobParams> withOneField) {
        try {
            withOneField.apply(JobParams.defaults());
        } catch (InvalidParameterException e) {
            problems.add(FieldProblem.of(e.field(), e.reason()));
        }
    }

    private static @Nullable Double decimal(
            String field, @Nullable String raw, double fallback, List<FieldProblem> problems) {
        String value = blankToNull(raw);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(FieldProblem.of(field, "must be a number"));
        return null;
    }

    private static @Nullable Integer integer(
            String field, @Nullable String raw, int fallback, List<FieldProblem> problems) {
        String value = blankToNull(raw);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(field, "must be an integer"));
            return null;
        }
    }

    private static @Nullable Long seed(@Nullable String raw, List<FieldProblem> problems) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        try {
            long seed = Long.parseLong(value);
            if (seed >= 0) {
                return seed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(FieldProblem.of("seed", "must be a non-negative integer"));
        return null;
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
