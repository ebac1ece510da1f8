package dev.leastpriv.assertj;

import static dev.leastpriv.assertj.Fixtures.DATA_OBJECTS;
import static dev.leastpriv.assertj.Fixtures.GLUE;
import static dev.leastpriv.assertj.Fixtures.METADATA;
import static dev.leastpriv.assertj.Fixtures.METADATA_AND_PROFILER;
import static dev.leastpriv.assertj.Fixtures.RESULTS_OBJECTS;
import static dev.leastpriv.assertj.Fixtures.WORKGROUP;
import static dev.leastpriv.assertj.LeastPrivAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyActionAssertTest {

    @Test
    void on_glueAncestorsAndTable_passes() {
        assertThat(METADATA)
                .allows("glue:GetTables")
                .on(GLUE + "catalog", GLUE + "database/sales", GLUE + "table/sales/orders")
                .allows("athena:StartQueryExecution")
                .on(WORKGROUP)
                .allows("glue:GetDatabase") // the session database every PyAthena query names
                .on(GLUE + "catalog", GLUE + "database/default")
                .allows("s3:PutObject")
                .on(RESULTS_OBJECTS, RESULTS_OBJECTS.replace("*", "2024/result.csv"));
    }

    @Test
    void on_oneResourceOutsideTheGrant_failsWithTheWholeMessage() {
        String table = GLUE + "table/finance/ledger";

        assertThatThrownBy(() -> assertThat(METADATA).allows("glue:GetTables").on(table))
                .isInstanceOf(AssertionError.class)
                .hasMessage(
                        "%s",
                        "\nExpecting policy:\n  " + METADATA.toCompactJson() + "\nto allow:\n"
                                + "  glue:GetTables on " + table + "\n"
                                + "but it was implicitly denied: no identity-based policy allows the action");
    }

    @Test
    void on_severalResources_listsOnlyTheFailingOnes() {
        assertThatThrownBy(() -> assertThat(METADATA)
                        .allows("glue:GetTables")
                        .on(GLUE + "catalog", GLUE + "database/finance", GLUE + "table/finance/ledger"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to allow:\n"
                        + "  glue:GetTables on " + GLUE + "catalog\n"
                        + "  glue:GetTables on " + GLUE + "database/finance\n"
                        + "  glue:GetTables on " + GLUE + "table/finance/ledger\n"
                        + "but:\n"
                        + "  on " + GLUE + "database/finance: it was implicitly denied: no identity-based policy allows"
                        + " the action\n"
                        + "  on " + GLUE + "table/finance/ledger: it was implicitly denied: no identity-based policy"
                        + " allows the action");
    }

    @Test
    void on_catalogInOtherCase_failsBecauseIamComparesCaseSensitively() {
        assertThatThrownBy(() -> assertThat(METADATA)
                        .allows("athena:GetTableMetadata")
                        .on("arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but it was implicitly denied: no identity-based policy allows the action");
    }

    @Test
    void on_writeToTheDataLake_failsWhileWriteToResultsPasses() {
        assertThatThrownBy(() ->
                        assertThat(METADATA_AND_PROFILER).allows("s3:PutObject").on(DATA_OBJECTS))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to allow:\n  s3:PutObject on " + DATA_OBJECTS + "\n"
                        + "but it was implicitly denied: no identity-based policy allows the action");
    }

    @Test
    void on_malformedResource_throwsIllegalArgument() {
        assertThatThrownBy(() -> assertThat(METADATA).allows("glue:GetTables").on("catalog"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid ARN \"catalog\"");
        assertThatThrownBy(() -> assertThat(METADATA).allows("glue:GetTables").on(GLUE + "catalog", (String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A resource to look for must not be null");
    }
}
