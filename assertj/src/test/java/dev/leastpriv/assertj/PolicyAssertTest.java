package dev.leastpriv.assertj;

import static dev.leastpriv.assertj.Fixtures.ALL_BUT_IAM;
import static dev.leastpriv.assertj.Fixtures.CONDITIONAL;
import static dev.leastpriv.assertj.Fixtures.DATA_OBJECTS;
import static dev.leastpriv.assertj.Fixtures.GLUE;
import static dev.leastpriv.assertj.Fixtures.LAKE_WITH_DENY;
import static dev.leastpriv.assertj.Fixtures.METADATA;
import static dev.leastpriv.assertj.Fixtures.METADATA_AND_PROFILER;
import static dev.leastpriv.assertj.Fixtures.RESULTS_OBJECTS;
import static dev.leastpriv.assertj.Fixtures.WORKGROUP;
import static dev.leastpriv.assertj.LeastPrivAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leastpriv.core.Policy;
import org.junit.jupiter.api.Test;

/** {@code allows(action)} and {@code doesNotAllow(…)} on their own, with context, and misuse. */
class PolicyAssertTest {

    @Test
    void allows_actionOfRenderedPolicyWithoutOn_passes() {
        assertThatCode(() -> assertThat(METADATA).allows("glue:GetTables")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(METADATA).allows("athena:ListDatabases"))
                .doesNotThrowAnyException();
    }

    @Test
    void allows_typoWithoutOn_failsNamingTheUnknownAction() {
        assertThatThrownBy(() -> assertThat(METADATA).allows("glue:GetTabels"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("\nExpecting policy:\n  {\"Version\":\"2012-10-17\",\"Statement\":[")
                .hasMessageEndingWith("\nto allow:\n  glue:GetTabels on at least one resource\n"
                        + "but no Allow statement grants it; glue:GetTabels is not an action of glue in leastpriv's"
                        + " action catalog");
    }

    @Test
    void allows_realActionGrantedNowhere_failsWithoutCatalogNote() {
        assertThatThrownBy(() -> assertThat(METADATA).allows("glue:DeleteTable"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to allow:\n  glue:DeleteTable on at least one resource\n"
                        + "but no Allow statement grants it");
    }

    @Test
    void allows_dataReadOnlyWithProfiler_failsForMetadataPolicy() {
        assertThatCode(() ->
                        assertThat(METADATA_AND_PROFILER).allows("s3:GetObject").on(DATA_OBJECTS))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(METADATA).allows("s3:GetObject").on(DATA_OBJECTS))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to allow:\n  s3:GetObject on " + DATA_OBJECTS + "\n"
                        + "but it was implicitly denied: no identity-based policy allows the action");
    }

    @Test
    void allows_onlyGrantCancelledByDeny_failsNamingTheDeny() {
        Policy denied = Fixtures.policy("""
                {'Version': '2012-10-17', 'Statement': [
                  {'Sid': 'Lake', 'Effect': 'Allow', 'Action': 's3:*', 'Resource': 'arn:aws:s3:::company-data-lake/*'},
                  {'Sid': 'NoWrites', 'Effect': 'Deny', 'Action': 's3:Put*', 'Resource': '*'}]}
                """);

        assertThatThrownBy(() -> assertThat(denied).allows("s3:PutObject"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to allow:\n  s3:PutObject on at least one resource\n"
                        + "but it is allowed on none of the resources its Allow statements name:\n"
                        + "  on arn:aws:s3:::company-data-lake/* (Allow in identity policy 0, statement 0 (Sid Lake)):"
                        + " it was explicitly denied: explicit deny in an identity-based policy"
                        + " (Deny in identity policy 0, statement 1 (Sid NoWrites))");
    }

    @Test
    void allows_partlyDeniedGrant_passesOnItsOwnAndFailsOnTheDeniedResource() {
        assertThat(LAKE_WITH_DENY).allows("s3:PutObject").on("arn:aws:s3:::company-data-lake/curated/a.parquet");

        assertThatThrownBy(() -> assertThat(LAKE_WITH_DENY)
                        .allows("s3:PutObject")
                        .on("arn:aws:s3:::company-data-lake/raw/a.csv"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but it was explicitly denied: explicit deny in an identity-based policy"
                        + " (Deny in identity policy 0, statement 1 (Sid DenyRawWrites))");
    }

    @Test
    void allows_objectActionNamedOnlyOnBucketArn_failsAsInapplicable() {
        Policy bucketOnly = Fixtures.policy("""
                {'Version': '2012-10-17', 'Statement': [
                  {'Sid': 'Bucket', 'Effect': 'Allow', 'Action': ['s3:ListBucket', 's3:GetObject'],
                   'Resource': 'arn:aws:s3:::company-data-lake'}]}
                """);

        assertThat(bucketOnly).allows("s3:ListBucket");
        assertThatThrownBy(() -> assertThat(bucketOnly).allows("s3:GetObject"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but no Allow statement grants it; these name it on resources it cannot apply"
                        + " to:\n  on arn:aws:s3:::company-data-lake (Allow in identity policy 0, statement 0"
                        + " (Sid Bucket)): s3:GetObject cannot apply to this resource (expected");
    }

    @Test
    void allows_wildcardOnlyActionScopedToArn_failsExplainingResourceStar() {
        Policy scoped = Fixtures.policy("""
                {'Version': '2012-10-17', 'Statement': [
                  {'Sid': 'LakeFormation', 'Effect': 'Allow', 'Action': 'lakeformation:GetDataAccess',
                   'Resource': 'arn:aws:glue:eu-west-1:123456789012:database/sales'}]}
                """);

        assertThatThrownBy(() -> assertThat(scoped).allows("lakeformation:GetDataAccess"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("(Sid LakeFormation)): lakeformation:GetDataAccess cannot apply to this"
                        + " resource: it has no resource types, so only \"Resource\": \"*\" grants it");
    }

    @Test
    void allows_grantWithWildcardRegionAndAccount_passesOnItsOwnAndOnAConcreteArn() {
        Policy anyRegion = Fixtures.policy("""
                {'Version': '2012-10-17', 'Statement': [
                  {'Sid': 'AnyCatalog', 'Effect': 'Allow', 'Action': 'glue:GetDatabases',
                   'Resource': 'arn:aws:glue:*:12345678901?:catalog'}]}
                """);

        assertThat(anyRegion).allows("glue:GetDatabases").on(GLUE + "catalog");
        assertThatThrownBy(
                        () -> assertThat(anyRegion).allows("glue:GetDatabases").on(GLUE + "database/sales"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but it was implicitly denied: no identity-based policy allows the action");
    }

    @Test
    void allows_notActionStatement_grantsEverythingButTheListedService() {
        assertThat(ALL_BUT_IAM)
                .allows("s3:GetObject")
                .on(DATA_OBJECTS.replace("*", "orders.parquet"))
                .allows("glue:DeleteTable");

        assertThatThrownBy(() -> assertThat(ALL_BUT_IAM).allows("iam:PassRole"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but no Allow statement grants it");
    }

    @Test
    void allows_conditionalGrantWithoutContext_failsNamingTheMissingKey() {
        assertThatThrownBy(() -> assertThat(CONDITIONAL).allows("athena:StartQueryExecution"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith(
                        "  on " + WORKGROUP + " (Allow in identity policy 0, statement 0 (Sid FromOffice)):"
                                + " it could not be decided: conditions need the context keys aws:SourceIp, which the request"
                                + " did not carry (give them with withContext); without them the evaluator says implicitDeny:"
                                + " no identity-based policy allows the action");
    }

    @Test
    void allows_conditionalGrantWithContext_decidesByTheCondition() {
        assertThat(CONDITIONAL)
                .withContext("aws:SourceIp", "203.0.113.7")
                .allows("athena:StartQueryExecution")
                .on(WORKGROUP);

        assertThatThrownBy(() -> assertThat(CONDITIONAL)
                        .withContext("aws:SourceIp", "198.51.100.1")
                        .allows("athena:StartQueryExecution"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith(
                        "(Sid FromOffice)): it was implicitly denied: no identity-based policy allows the action");
    }

    @Test
    void allows_conditionalDenyWithoutContext_isUndecidedAndDecidedWithIt() {
        assertThatThrownBy(() -> assertThat(CONDITIONAL).allows("s3:GetObject"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("(Sid Results)): it could not be decided: conditions need the context keys"
                        + " aws:SecureTransport, which the request did not carry (give them with withContext); without"
                        + " them the evaluator says allowed: allowed by Allow in identity policy 0, statement 1"
                        + " (Sid Results)");

        assertThat(CONDITIONAL)
                .withContext("aws:SecureTransport", "true")
                .allows("s3:GetObject")
                .on(RESULTS_OBJECTS);
        assertThatThrownBy(() -> assertThat(CONDITIONAL)
                        .withContext("aws:SecureTransport", "false")
                        .allows("s3:GetObject"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("it was explicitly denied: explicit deny in an identity-based policy"
                        + " (Deny in identity policy 0, statement 2 (Sid TlsOnly))");
    }

    @Test
    void allows_unconditionalGrantBesideConditionalOne_passesWithoutContext() {
        Policy both = Fixtures.policy("""
                {'Version': '2012-10-17', 'Statement': [
                  {'Sid': 'Always', 'Effect': 'Allow', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::b/*'},
                  {'Sid': 'FromOffice', 'Effect': 'Allow', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::b/*',
                   'Condition': {'IpAddress': {'aws:SourceIp': '203.0.113.0/24'}}}]}
                """);

        assertThat(both).allows("s3:GetObject").on("arn:aws:s3:::b/key");
    }

    @Test
    void doesNotAllow_actionGrantedNowhere_passes() {
        assertThat(METADATA)
                .doesNotAllow("glue:DeleteTable")
                .doesNotAllow("s3:DeleteObject")
                .doesNotAllow("glue:GetTabels");
    }

    @Test
    void doesNotAllow_grantedAction_failsNamingTheGrantingStatement() {
        assertThatThrownBy(() -> assertThat(METADATA).doesNotAllow("s3:PutObject"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("not to allow:\n  s3:PutObject on any resource\nbut:\n  on " + RESULTS_OBJECTS
                        + ": it was allowed by Allow in identity policy 0, statement 6 (Sid ResultsObjects)");
    }

    @Test
    void doesNotAllow_everyGrantCancelledByDeny_passes() {
        Policy denied = Fixtures.policy("""
                {'Version': '2012-10-17', 'Statement': [
                  {'Sid': 'Lake', 'Effect': 'Allow', 'Action': 's3:*', 'Resource': 'arn:aws:s3:::company-data-lake/*'},
                  {'Sid': 'NoDeletes', 'Effect': 'Deny', 'Action': 's3:Delete*', 'Resource': '*'}]}
                """);

        assertThat(denied).doesNotAllow("s3:DeleteObject");
        assertThatThrownBy(() -> assertThat(denied).doesNotAllow("s3:PutObject"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith(
                        "  on arn:aws:s3:::company-data-lake/*: it was allowed by Allow in identity policy 0,"
                                + " statement 0 (Sid Lake)");
    }

    @Test
    void doesNotAllow_grantOnInapplicableResourceOnly_passes() {
        Policy bucketOnly = Fixtures.policy("""
                {'Version': '2012-10-17', 'Statement': [
                  {'Effect': 'Allow', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::company-data-lake'}]}
                """);

        assertThat(bucketOnly).doesNotAllow("s3:GetObject");
    }

    @Test
    void doesNotAllow_notActionStatement_failsForActionsItDoesNotExclude() {
        assertThat(ALL_BUT_IAM).doesNotAllow("iam:CreateUser");

        assertThatThrownBy(() -> assertThat(ALL_BUT_IAM).doesNotAllow("kms:Decrypt"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("  on *: it was allowed by Allow in identity policy 0, statement 0"
                        + " (Sid EverythingButIam)");
    }

    @Test
    void doesNotAllow_conditionalGrant_failsUnlessContextRulesItOut() {
        assertThatThrownBy(() -> assertThat(CONDITIONAL).doesNotAllow("athena:StartQueryExecution"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("it could not be decided: conditions need the context keys aws:SourceIp");

        assertThat(CONDITIONAL).withContext("aws:SourceIp", "198.51.100.1").doesNotAllow("athena:StartQueryExecution");
    }

    @Test
    void doesNotAllowOn_actionGrantedElsewhere_passesForTheNamedResources() {
        assertThat(METADATA_AND_PROFILER)
                .allows("s3:PutObject")
                .on(RESULTS_OBJECTS)
                .doesNotAllow("s3:PutObject", DATA_OBJECTS, "arn:aws:s3:::company-data-lake/warehouse/orders.csv");
    }

    @Test
    void doesNotAllowOn_allowedResource_failsNamingTheStatement() {
        assertThatThrownBy(() -> assertThat(METADATA_AND_PROFILER).doesNotAllow("s3:GetObject", DATA_OBJECTS))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("not to allow:\n  s3:GetObject on " + DATA_OBJECTS + "\n"
                        + "but it was allowed by Allow in identity policy 0, statement 8 (Sid DataObjects)");
    }

    @Test
    void doesNotAllowOn_severalResources_listsOnlyTheAllowedOnes() {
        assertThatThrownBy(() -> assertThat(METADATA)
                        .doesNotAllow("glue:GetTables", GLUE + "table/finance/ledger", GLUE + "table/sales/orders"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("not to allow:\n"
                        + "  glue:GetTables on " + GLUE + "table/finance/ledger\n"
                        + "  glue:GetTables on " + GLUE + "table/sales/orders\n"
                        + "but:\n"
                        + "  on " + GLUE + "table/sales/orders: it was allowed by Allow in identity policy 0,"
                        + " statement 4 (Sid GlueTables)");
    }

    @Test
    void doesNotAllowOn_explicitlyDeniedResource_passes() {
        assertThat(LAKE_WITH_DENY).doesNotAllow("s3:DeleteObject", "arn:aws:s3:::company-data-lake/raw/a.csv");
    }

    @Test
    void allows_nullOrPatternOrMalformedAction_throwsIllegalArgument() {
        assertThatThrownBy(() -> assertThat(METADATA).allows(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The action to look for must not be null");
        assertThatThrownBy(() -> assertThat(METADATA).allows("glue:GetTable*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The action to look for must be one action, not the pattern \"glue:GetTable*\";"
                        + " assert each action");
        assertThatThrownBy(() -> assertThat(METADATA).doesNotAllow("GetTables"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid action \"GetTables\"");
    }

    @Test
    void doesNotAllowOn_malformedResource_throwsIllegalArgument() {
        assertThatThrownBy(() -> assertThat(METADATA).doesNotAllow("s3:GetObject", "s3://company-data-lake/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid ARN \"s3://company-data-lake/x\"");
    }

    @Test
    void withContext_emptyKey_throwsIllegalArgument() {
        assertThatThrownBy(() -> assertThat(METADATA).withContext("", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The context key must not be null or empty");
    }
}
