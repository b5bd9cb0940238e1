package org.voicequeue.api.model;

import org.voicequeue.model.job.JobParams;

/** The parameter values a job gets when it does not set them (the defaults of {@link JobParams}). */
record ModelDefaults(double speed, int nfeSteps, double cfgStrength, double swaySamplingCoef, String outputFormat) {

    static ModelDefaults ofJobParams() {
        JobParams d = JobParams.defaults();
        return new ModelDefaults(d.speed(), d.nfeSteps(), d.cfgStrength(), d.swaySamplingCoef(), d.outputFormat());
    }
}
