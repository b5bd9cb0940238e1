package org.voicequeue.model.job;

import org.jspecify.annotations.Nullable;

/**
 * Synthesis parameters of a job, validated against the public limits of API.md.
 *
 * @param seed optional; the same inputs, seed and model give the same audio
 */
public record JobParams(
        double speed,
        int nfeSteps,
        double cfgStrength,
        double swaySamplingCoef,
        @Nullable Long seed,
        String outputFormat) {

    public static final double MIN_SPEED = 0.1;
    public static final double MAX_SPEED = 3.0;
    public static final int MIN_NFE_STEPS = 4;
    public static final int MAX_NFE_STEPS = 64;
    public static final double MIN_CFG = 0.0;
    public static final double MAX_CFG = 10.0;
    public static final double MIN_SWAY = -1.0;
    public static final double MAX_SWAY = 1.0;

    public static final double DEFAULT_SPEED = 1.0;
    public static final int DEFAULT_NFE_STEPS = 32;
    public static final double DEFAULT_CFG = 2.0;
    public static final double DEFAULT_SWAY = -1.0;
    public static final String DEFAULT_OUTPUT_FORMAT = "wav";

    public JobParams {
        check(speed >= MIN_SPEED && speed <= MAX_SPEED, "speed", "must be between 0.1 and 3.0");
        check(nfeSteps >= MIN_NFE_STEPS && nfeSteps <= MAX_NFE_STEPS, "nfe_steps", "must be between 4 and 64");
        check(cfgStrength >= MIN_CFG && cfgStrength <= MAX_CFG, "cfg_strength", "must be between 0 and 10");
        check(
                swaySamplingCoef >= MIN_SWAY && swaySamplingCoef <= MAX_SWAY,
                "sway_sampling_coef",
                "must be between -1.0 and 1.0");
        check(DEFAULT_OUTPUT_FORMAT.equals(outputFormat), "output_format", "only 'wav' is supported");
    }

    public static JobParams defaults() {
        return new JobParams(DEFAULT_SPEED, DEFAULT_NFE_STEPS, DEFAULT_CFG, DEFAULT_SWAY, null, DEFAULT_OUTPUT_FORMAT);
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidParameterException(field, message);
        }
    }
}
