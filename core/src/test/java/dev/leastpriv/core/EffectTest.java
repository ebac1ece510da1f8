package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EffectTest {

    @ParameterizedTest
    @CsvSource({"ALLOW, Allow", "DENY, Deny"})
    void jsonValue_effect_isPolicySpelling(Effect effect, String json) {
        assertThat(effect.jsonValue()).isEqualTo(json);
    }
}
