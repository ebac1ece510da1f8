package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*",
                "s3:GetObject",
                "s3:*",
                "s3:Get*",
                "s3:?etObject",
                "athena:StartQueryExecution",
                "glue:GetTables",
                "kms:GenerateDataKey",
                "lakeformation:GetDataAccess",
                "sts:AssumeRole",
                "iam:SimulatePrincipalPolicy",
                "S3:getobject"
            })
    void parse_validAction_roundTripsThroughToString(String text) {
        Action action = Action.parse(text);

        assertThat(action.toString()).isEqualTo(text);
        assertThat(Action.parse(action.toString())).isEqualTo(action);
    }

    @Test
    void parse_serviceAndName_splitsAtColon() {
        Action action = Action.parse("s3:GetObject");

        assertThat(action.service()).isEqualTo("s3");
        assertThat(action.name()).isEqualTo("GetObject");
        assertThat(action).isEqualTo(Action.of("s3", "GetObject"));
    }

    @Test
    void parse_star_returnsAll() {
        Action action = Action.parse("*");

        assertThat(action).isSameAs(Action.ALL);
        assertThat(action.service()).isEqualTo("*");
        assertThat(action.name()).isEqualTo("*");
    }

    @Test
    void of_starStar_equalsAllAndPrintsStar() {
        Action action = Action.of("*", "*");

        assertThat(action).isEqualTo(Action.ALL).hasToString("*");
    }

    @ParameterizedTest
    @CsvSource({
        "*,               true",
        "s3:*,            true",
        "s3:Get*,         true",
        "s3:?etObject,    true",
        "s3:GetObject,    false",
        "glue:GetTable,   false"
    })
    void isWildcard_action_reportsWildcards(String text, boolean wildcard) {
        Action action = Action.parse(text);

        assertThat(action.isWildcard()).isEqualTo(wildcard);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "s3-GetObject",
                ":x",
                "s3:",
                "s3:Get Object",
                "s3:Get\"x",
                "s3:Get:Object",
                "*:GetObject",
                "s3 :GetObject",
                "s3:GetObject\n",
                ""
            })
    void parse_malformedAction_throwsWithExpectedForm(String text) {
        assertThatThrownBy(() -> Action.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid action \"" + text + "\"")
                .hasMessageContaining("expected \"<service>:<action>\", e.g. \"athena:GetQueryExecution\"");
    }

    @Test
    void parse_null_throwsNullPointerException() {
        assertThatThrownBy(() -> Action.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text");
    }
}
