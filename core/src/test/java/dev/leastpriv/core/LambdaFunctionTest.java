package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LambdaFunctionTest {

    private static final String RULE = "expected a function name (1-64 letters, digits, '-' or '_') or a function ARN"
            + " \"arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>]\"";
    private static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector";

    @ParameterizedTest
    @CsvSource({
        "athena-connector",
        "athena_connector",
        "AthenaConnector2",
        "a",
        "0123456789012345678901234567890123456789012345678901234567890123"
    })
    void parse_functionName_isUnqualifiedWithoutArn(String name) {
        var function = LambdaFunction.parse(name);

        assertThat(function.name()).isEqualTo(name);
        assertThat(function.isQualified()).isFalse();
        assertThat(function.unqualifiedArn()).isEmpty();
        assertThat(function).hasToString(name);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector, athena-connector, '', aws",
        "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector:1, athena-connector, 1, aws",
        "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector:42, athena-connector, 42, aws",
        "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector:PROD, athena-connector, PROD, aws",
        "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector:live_v2-b, athena-connector, live_v2-b, aws",
        "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector:$LATEST, athena-connector, $LATEST, aws",
        "arn:aws-cn:lambda:cn-north-1:123456789012:function:f, f, '', aws-cn",
        "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f:1, f, 1, aws-us-gov"
    })
    void parse_functionArn_keepsUnqualifiedArnAndQualifier(
            String text, String name, String qualifier, String partition) {
        var function = LambdaFunction.parse(text);

        assertThat(function.name()).isEqualTo(name);
        assertThat(function.qualifier()).isEqualTo(qualifier);
        assertThat(function.isQualified()).isEqualTo(!qualifier.isEmpty());
        assertThat(function.unqualifiedArn()).hasValueSatisfying(arn -> {
            assertThat(arn.partition()).isEqualTo(Partition.of(partition));
            assertThat(arn.resource()).isEqualTo("function:" + name);
        });
        assertThat(function).hasToString(text);
        assertThat(LambdaFunction.parse(function.toString())).isEqualTo(function);
    }

    static Stream<Arguments> invalidFunctions() {
        return Stream.of(
                Arguments.of("", "empty name"),
                Arguments.of("a".repeat(65), "name longer than 64"),
                Arguments.of("athena connector", "space"),
                Arguments.of("athena.connector", "dot"),
                Arguments.of("*", "wildcard name"),
                Arguments.of("athena-*", "wildcard in name"),
                Arguments.of("athena-?", "wildcard in name"),
                Arguments.of("${aws:username}", "policy variable"),
                Arguments.of("athena-connector:1", "qualified name without ARN"),
                Arguments.of("function:athena-connector", "partial ARN"),
                Arguments.of("123456789012:function:athena-connector", "partial ARN with account"),
                Arguments.of("eu-west-1:123456789012:function:athena-connector", "partial ARN with region"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:function", "ARN without name"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:function:", "ARN with empty name"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012", "ARN without resource"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:athena-connector", "ARN without function:"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:layer:athena-connector:1", "layer ARN"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:function:f:1:2", "two qualifiers"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:function:f:", "empty qualifier"),
                Arguments.of("arn:aws:lambda::123456789012:function:f", "no region"),
                Arguments.of("arn:aws:lambda:eu-west-1::function:f", "no account"),
                Arguments.of("arn:aws:lambda:eu-west-1:aws:function:f", "account 'aws'"),
                Arguments.of("arn:aws:lambda:eu-west-1:1234:function:f", "short account"),
                Arguments.of("arn:aws:lambda:EU-WEST-1:123456789012:function:f", "uppercase region"),
                Arguments.of("arn:aws:lambda:*:123456789012:function:f", "wildcard region"),
                Arguments.of("arn:aws:lambda:eu-west-1:*:function:f", "wildcard account"),
                Arguments.of("arn:aws:s3:::athena-connector", "S3 ARN"),
                Arguments.of("arn:aws:iam::123456789012:role/athena-connector", "IAM ARN"),
                Arguments.of("arn:aws:states:eu-west-1:123456789012:function:f", "wrong service"),
                Arguments.of("arn:aws:lambda-x:eu-west-1:123456789012:function:f", "wrong service"),
                Arguments.of("arn:aws-xx:lambda:eu-west-1:123456789012:function:f", "unknown partition"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:function:*", "wildcard function"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:function:f*", "wildcard function"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:function:a b", "space in ARN name"),
                Arguments.of("arn:aws:lambda:eu-west-1:123456789012:function:f\u0000", "NUL in ARN name"),
                Arguments.of("arn:aws", "truncated ARN"),
                Arguments.of("athena\u0000connector", "NUL"),
                Arguments.of("athena-connectoré", "non-ASCII"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidFunctions")
    void parse_notAFunctionNameOrArn_throwsNamingLambda(String text, String why) {
        assertThatThrownBy(() -> LambdaFunction.parse(text))
                .as(why)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lambda \"")
                .hasMessageContaining(" is not valid: expected a ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000"));
    }

    @Test
    void parse_partialArn_quotesWholeValueWithRule() {
        assertThatThrownBy(() -> LambdaFunction.parse("123456789012:function:athena-connector"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda \"123456789012:function:athena-connector\" is not valid: %s", RULE);
    }

    @Test
    void parse_wrongService_quotesWholeValueWithRule() {
        assertThatThrownBy(() -> LambdaFunction.parse("arn:aws:s3:::athena-connector"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda \"arn:aws:s3:::athena-connector\" is not valid: %s", RULE);
    }

    @Test
    void parse_malformedArn_keepsArnErrorAsCause() {
        assertThatThrownBy(() -> LambdaFunction.parse("arn:aws"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda \"arn:aws\" is not valid: %s", RULE)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"*", "PROD*", "v?", "${x}", "$latest", "a b", "1.0"})
    void parse_invalidQualifier_throwsNamingQualifierRule(String qualifier) {
        assertThatThrownBy(() -> LambdaFunction.parse(FUNCTION_ARN + ":" + qualifier))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lambda ")
                .hasMessageContaining(InputRules.quote(qualifier))
                .hasMessageContaining("expected a version number, $LATEST or an alias name");
    }

    @Test
    void parse_qualifierWithPolicyVariable_throwsWithGeneralRule() {
        String text = FUNCTION_ARN + ":${aws:username}";

        assertThatThrownBy(() -> LambdaFunction.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda \"%s\" is not valid: %s", text, RULE);
    }

    @Test
    void parse_nulInName_isEscapedInMessage() {
        assertThatThrownBy(() -> LambdaFunction.parse("athena\u0000connector"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda \"athena\\u0000connector\" is not valid: %s", RULE);
    }

    @Test
    void constructor_arnOfThisFunction_isAccepted() {
        Arn arn = Arn.parse(FUNCTION_ARN);

        var function = new LambdaFunction("athena-connector", "1", arn);

        assertThat(function).isEqualTo(LambdaFunction.parse(FUNCTION_ARN + ":1"));
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:lambda:eu-west-1:123456789012:function:*",
        "arn:aws:lambda:eu-west-1:123456789012:*",
        "arn:aws:lambda:eu-west-1:123456789012:function:other",
        "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector:1",
        "arn:aws:s3:::athena-connector",
        "arn:aws:kms:eu-west-1:123456789012:function:athena-connector",
        "arn:aws:lambda::123456789012:function:athena-connector",
        "arn:aws:lambda:eu-west-1::function:athena-connector"
    })
    void constructor_arnNotOfThisFunction_throwsNamingLambda(String arn) {
        assertThatThrownBy(() -> new LambdaFunction("athena-connector", "", Arn.parse(arn)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda \"%s\" is not valid: %s", arn, RULE);
    }

    @Test
    void constructor_invalidName_throwsNamingLambda() {
        assertThatThrownBy(() -> new LambdaFunction("f*", "", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda \"f*\" is not valid: %s", RULE);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:lambda:cn-north-1:123456789012:function:udf",
        "arn:aws-cn:lambda:eu-west-1:123456789012:function:udf",
        "arn:aws:lambda:mars-1:123456789012:function:udf"
    })
    void parse_arnRegionOutsideItsPartition_isRejected(String arn) {
        assertThatThrownBy(() -> LambdaFunction.parse(arn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lambda \"" + arn + "\" is not valid: expected a function name");
    }
}
