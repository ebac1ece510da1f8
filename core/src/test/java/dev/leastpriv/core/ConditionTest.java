package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionTest {

    /** IAM's condition operators without IfExists or set prefixes (reference_policies_elements_condition_operators). */
    private static final String[] BASE_OPERATORS = {
        "StringEquals",
        "StringNotEquals",
        "StringEqualsIgnoreCase",
        "StringNotEqualsIgnoreCase",
        "StringLike",
        "StringNotLike",
        "NumericEquals",
        "NumericNotEquals",
        "NumericLessThan",
        "NumericLessThanEquals",
        "NumericGreaterThan",
        "NumericGreaterThanEquals",
        "DateEquals",
        "DateNotEquals",
        "DateLessThan",
        "DateLessThanEquals",
        "DateGreaterThan",
        "DateGreaterThanEquals",
        "Bool",
        "BinaryEquals",
        "IpAddress",
        "NotIpAddress",
        "ArnEquals",
        "ArnNotEquals",
        "ArnLike",
        "ArnNotLike",
        "Null"
    };

    static Stream<String> baseOperators() {
        return Arrays.stream(BASE_OPERATORS);
    }

    // IAM has no NullIfExists: Null already tests for existence.
    static Stream<String> baseOperatorsExceptNull() {
        return baseOperators().filter(operator -> !operator.equals("Null"));
    }

    @ParameterizedTest
    @MethodSource("baseOperators")
    void of_baseOperator_isAccepted(String operator) {
        Condition condition = Condition.of(operator, "aws:PrincipalTag/team", "data");

        assertThat(condition.operator()).isEqualTo(operator);
        assertThat(Condition.isOperator(operator)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("baseOperatorsExceptNull")
    void of_baseOperatorWithIfExistsAndSetPrefixes_isAccepted(String base) {
        List<String> operators = List.of(
                base,
                base + "IfExists",
                "ForAllValues:" + base,
                "ForAnyValue:" + base,
                "ForAllValues:" + base + "IfExists",
                "ForAnyValue:" + base + "IfExists");

        for (String operator : operators) {
            Condition condition = Condition.of(operator, "aws:PrincipalTag/team", "data");

            assertThat(condition.operator()).isEqualTo(operator);
            assertThat(Condition.isOperator(operator)).as(operator).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NullIfExists",
                "ForAllValues:NullIfExists",
                "ForAnyValue:NullIfExists",
                "StringEqual",
                "stringequals",
                "STRINGEQUALS",
                "Foo",
                "IfExists",
                "ForAllValues:",
                "ForAnyValue:",
                "ForAllValues:ForAnyValue:StringEquals",
                "ForSomeValues:StringEquals",
                "StringEqualsIfExistsIfExists",
                "StringEqualsIfexists",
                "IfExistsStringEquals",
                " StringEquals",
                ""
            })
    void of_unknownOperator_throwsNamingIt(String operator) {
        assertThatThrownBy(() -> Condition.of(operator, "aws:SourceIp", "10.0.0.0/8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown condition operator \"" + operator + "\"")
                .hasMessageContaining("expected an IAM operator such as \"StringEquals\"");
    }

    @Test
    void of_emptyValues_throws() {
        assertThatThrownBy(() -> Condition.of("StringEquals", "sts:ExternalId", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Condition StringEquals on \"sts:ExternalId\" has no values");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws:Source Ip", " aws:SourceIp", "", "aws:\tSourceIp", "aws:Source\u0100"})
    void of_invalidKey_throws(String key) {
        assertThatThrownBy(() -> Condition.of("IpAddress", key, "10.0.0.0/8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid condition key \"" + key + "\"")
                .hasMessageContaining("without spaces");
    }

    @Test
    void of_valueWithControlCharacter_throws() {
        assertThatThrownBy(() -> Condition.of("StringEquals", "sts:ExternalId", "abc\ndef"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid value \"abc\ndef\" for condition key \"sts:ExternalId\"")
                .hasMessageContaining("only printable characters U+0020 to U+00FF");
    }

    @Test
    void of_valueWithSpaces_keepsThem() {
        Condition condition = Condition.of("StringLike", "s3:prefix", "reports 2024/*");

        assertThat(condition.values()).containsExactly("reports 2024/*");
    }

    @Test
    void of_severalValues_keepsOrderAndDuplicates() {
        Condition condition = Condition.of("StringEquals", "aws:SourceAccount", List.of("2", "1", "2"));

        assertThat(condition.values()).containsExactly("2", "1", "2");
    }

    @Test
    void of_mutableValues_copiesThem() {
        List<String> values = new ArrayList<>(List.of("a"));
        Condition condition = Condition.of("StringEquals", "aws:SourceAccount", values);

        values.add("b");

        assertThat(condition.values()).containsExactly("a");
    }

    @Test
    void of_singleValue_equalsListForm() {
        Condition single = Condition.of("Bool", "aws:SecureTransport", "true");

        assertThat(single).isEqualTo(Condition.of("Bool", "aws:SecureTransport", List.of("true")));
    }

    @Test
    void of_nullOperator_throwsNullPointerException() {
        assertThatThrownBy(() -> Condition.of(null, "aws:SourceIp", "1.2.3.4"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("operator");
    }
}
