package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExternalIdTest {

    private static final String RULE =
            "expected 2-1224 characters of letters, digits and _ + = , . @ : / - (no spaces)";

    static Stream<String> validIds() {
        return Stream.of(
                "ab",
                "a".repeat(1224),
                "omni-7f3a",
                "OpenMetadata_2024",
                "a+b=c,d.e@f:g/h-i_j",
                "12",
                "arn:aws:iam::123456789012:role/x",
                "--");
    }

    @ParameterizedTest
    @MethodSource("validIds")
    void of_allowedCharactersAndLength_isAccepted(String value) {
        var externalId = ExternalId.of(value);

        assertThat(externalId.value()).isEqualTo(value);
        assertThat(externalId).hasToString(value);
    }

    static Stream<String> invalidIds() {
        return Stream.of(
                "",
                "a",
                "a".repeat(1225),
                "omni 7f3a",
                " omni",
                "omni*",
                "omni?",
                "${aws:username}",
                "omni$",
                "omni\"",
                "omni'",
                "omni\\",
                "omni#1",
                "omni!",
                "omni%",
                "omni;x",
                "omni~x",
                "(omni)",
                "omni\u0000",
                "omni\t",
                "omni\n",
                "omnié",
                "omni\uFFFF");
    }

    @ParameterizedTest
    @MethodSource("invalidIds")
    void of_disallowedCharacterOrLength_throwsNamingExternalId(String value) {
        assertThatThrownBy(() -> ExternalId.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("external-id %s is not valid: %s", InputRules.quote(value), RULE);
    }

    @Test
    void of_oneCharacter_throwsWithLengthRule() {
        assertThatThrownBy(() -> ExternalId.of("x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("external-id \"x\" is not valid: " + RULE);
    }

    @Test
    void of_controlCharacters_areEscapedInMessage() {
        assertThatThrownBy(() -> ExternalId.of("omni\u0000\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("external-id \"omni\\u0000\\u000A\" is not valid")
                .hasMessageNotContaining("\u0000")
                .hasMessageNotContaining("\n");
    }

    @Test
    void equals_sameValue_isEqual() {
        assertThat(ExternalId.of("omni-7f3a")).isEqualTo(new ExternalId("omni-7f3a"));
    }
}
