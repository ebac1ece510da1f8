package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalTest {

    @Test
    void all_isTheBareStar() {
        assertThat(Principal.ALL.type()).isEqualTo(Principal.Type.ALL);
        assertThat(Principal.ALL.id()).isEqualTo("*");
        assertThat(Principal.Type.ALL.jsonValue()).isEqualTo("*");
    }

    @Test
    void aws_accountRoot_hasTypeAws() {
        Principal principal = Principal.aws("arn:aws:iam::123456789012:root");

        assertThat(principal.type()).isEqualTo(Principal.Type.AWS);
        assertThat(principal.id()).isEqualTo("arn:aws:iam::123456789012:root");
    }

    @Test
    void service_servicePrincipal_hasTypeService() {
        Principal principal = Principal.service("glue.amazonaws.com");

        assertThat(principal).isEqualTo(new Principal(Principal.Type.SERVICE, "glue.amazonaws.com"));
    }

    @Test
    void aws_star_isNotTheBarePrincipal() {
        Principal principal = Principal.aws("*");

        assertThat(principal).isNotEqualTo(Principal.ALL);
    }

    @ParameterizedTest
    @CsvSource({"ALL, *", "AWS, AWS", "CANONICAL_USER, CanonicalUser", "FEDERATED, Federated", "SERVICE, Service"})
    void jsonValue_type_isPolicyKey(Principal.Type type, String key) {
        assertThat(type.jsonValue()).isEqualTo(key);
    }

    @Test
    void values_types_areInWritingOrder() {
        assertThat(Principal.Type.values())
                .containsExactly(
                        Principal.Type.ALL,
                        Principal.Type.AWS,
                        Principal.Type.CANONICAL_USER,
                        Principal.Type.FEDERATED,
                        Principal.Type.SERVICE);
    }

    @Test
    void constructor_typeAllWithOtherId_throws() {
        assertThatThrownBy(() -> new Principal(Principal.Type.ALL, "123456789012"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Principal of type * must have id \"*\", not \"123456789012\"");
    }

    @Test
    void constructor_emptyId_throws() {
        assertThatThrownBy(() -> new Principal(Principal.Type.FEDERATED, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Principal Federated must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:iam::123456789012:role/\n", "cognito-\u0100", "\0"})
    void constructor_characterOutsidePolicyText_throws(String id) {
        assertThatThrownBy(() -> Principal.aws(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid principal")
                .hasMessageContaining("only printable characters U+0020 to U+00FF");
    }

    @Test
    void constructor_nullType_throwsNullPointerException() {
        assertThatThrownBy(() -> new Principal(null, "x"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("type");
    }
}
