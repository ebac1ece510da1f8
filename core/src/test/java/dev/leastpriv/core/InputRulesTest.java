package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputRulesTest {

    @Test
    void quote_longValue_isCutAtTheLimitAndSaysHowLongItWas() {
        String quoted = InputRules.quote("a".repeat(1_000_000));

        assertThat(quoted).isEqualTo("\"" + "a".repeat(200) + "\"... (1,000,000 characters in all)");
    }

    @Test
    void excerpt_cutsAtTheLimitWithoutSplittingACharacterAndEscapesControls() {
        assertThat(InputRules.excerpt("c".repeat(200))).isEqualTo("c".repeat(200));
        assertThat(InputRules.excerpt("c".repeat(201))).isEqualTo("c".repeat(200) + "…");
        // U+1F600 is two chars; cut at 200 would split it after "c" * 199
        assertThat(InputRules.excerpt("c".repeat(199) + "\uD83D\uDE00" + "tail"))
                .isEqualTo("c".repeat(199) + "…");
        assertThat(InputRules.excerpt("role\n::error::x\u202E")).isEqualTo("role\\u000A::error::x\\u202E");
    }

    @Test
    void quote_valueAtTheLimit_isWhole() {
        assertThat(InputRules.quote("b".repeat(200))).isEqualTo("\"" + "b".repeat(200) + "\"");
    }

    @Test
    void quote_controlsQuotesAndBackslashes_areEscaped() {
        assertThat(InputRules.quote("a\n\"b\\\u001b[2J")).isEqualTo("\"a\\u000A\\\"b\\\\\\u001B[2J\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\n", "\r", "\u001b", "\u0000", "\u007f", "\u0085", "\u2028", "\u2029", "\u202e", "\u2066", "\u200f",
                "\ud800", "\udc00"
            })
    void printable_characterThatBreaksOrHidesALine_isEscaped(String unsafe) {
        String shown = InputRules.printable("x" + unsafe + "::error::forged");

        assertThat(shown)
                .isEqualTo("x" + String.format("\\u%04X", (int) unsafe.charAt(0)) + "::error::forged")
                .doesNotContain(unsafe);
    }

    @Test
    void printable_ordinaryText_isKeptAsItIs() {
        String text = "Glue table \"ventes_été\" in 東京 (arn:aws:glue:eu-west-1:123456789012:table/db/*) 🙂";

        assertThat(InputRules.printable(text)).isSameAs(text);
    }

    @Test
    void printable_randomText_neverHoldsALineBreakOrEscape() {
        Random random = new Random(20261202L);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                text.append((char) random.nextInt(0x10000));
            }
            String shown = InputRules.printable(text.toString());
            assertThat(shown.chars()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029);
            assertThat(shown.lines().count()).isLessThanOrEqualTo(1);
        }
    }
}
