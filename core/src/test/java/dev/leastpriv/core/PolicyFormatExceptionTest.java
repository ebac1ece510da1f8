package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyFormatExceptionTest {

    @Test
    void constructor_pointer_appendsItToMessage() {
        PolicyFormatException e = new PolicyFormatException("/Statement/2/Action/0", "Invalid action \"x\"");

        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.pointer()).isEqualTo("/Statement/2/Action/0");
        assertThat(e).hasMessage("Invalid action \"x\" at /Statement/2/Action/0");
    }

    @Test
    void constructor_documentPointer_printsSlash() {
        PolicyFormatException e = new PolicyFormatException("", "A policy must be a JSON object");

        assertThat(e.pointer()).isEmpty();
        assertThat(e).hasMessage("A policy must be a JSON object at /");
    }

    @Test
    void constructor_cause_isKept() {
        IllegalStateException cause = new IllegalStateException("parser");

        PolicyFormatException e = new PolicyFormatException("/Version", "Invalid JSON", cause);

        assertThat(e).hasCause(cause).hasMessage("Invalid JSON at /Version");
    }
}
