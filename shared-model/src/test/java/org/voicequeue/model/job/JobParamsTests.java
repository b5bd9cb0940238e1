package org.voicequeue.model.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobParamsTests {

    @Test
    void defaultsAreThoseOfTheContract() {
        JobParams p = JobParams.defaults();
        assertThat(p.speed()).isEqualTo(1.0);
        assertThat(p.nfeSteps()).isEqualTo(32);
        assertThat(p.cfgStrength()).isEqualTo(2.0);
        assertThat(p.swaySamplingCoef()).isEqualTo(-1.0);
        assertThat(p.seed()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "0.09, 32, 2, -1, speed",
        "3.01, 32, 2, -1, speed",
        "1, 3, 2, -1, nfe_steps",
        "1, 65, 2, -1, nfe_steps",
        "1, 32, -0.1, -1, cfg_strength",
        "1, 32, 10.5, -1, cfg_strength",
        "1, 32, 2, -1.5, sway_sampling_coef",
        "1, 32, 2, 1.01, sway_sampling_coef"
    })
    void outOfRangeValuesNameTheirField(double speed, int steps, double cfg, double sway, String field) {
        assertThatThrownBy(() -> new JobParams(speed, steps, cfg, sway, null, "wav"))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void boundariesAreAccepted() {
        new JobParams(0.1, 4, 0, -1, 7L, "wav");
        new JobParams(3.0, 64, 10, 1, null, "wav");
    }

    @Test
    void onlyWavOutputIsSupported() {
        assertThatThrownBy(() -> new JobParams(1, 32, 2, -1, null, "mp3"))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.field()).isEqualTo("output_format"));
    }
}
