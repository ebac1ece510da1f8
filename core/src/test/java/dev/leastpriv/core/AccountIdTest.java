package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountIdTest {

    @Test
    void of_twelveDigits_keepsValueAndPrintsIt() {
        AccountId account = AccountId.of("012345678901");

        assertThat(account.value()).isEqualTo("012345678901");
        assertThat(account).hasToString("012345678901").isEqualTo(new AccountId("012345678901"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "12345678901",
                "1234567890123",
                "12345678901a",
                "1234-5678-9012",
                " 123456789012",
                "",
                "aws",
                // Arabic-Indic digits: \d must mean ASCII digits only
                "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662"
            })
    void of_notTwelveAsciiDigits_throws(String value) {
        assertThatThrownBy(() -> AccountId.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid account id \"" + value + "\"")
                .hasMessageContaining("expected exactly 12 digits");
    }

    @Test
    void of_null_throwsNullPointerException() {
        assertThatThrownBy(() -> AccountId.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
    }
}
