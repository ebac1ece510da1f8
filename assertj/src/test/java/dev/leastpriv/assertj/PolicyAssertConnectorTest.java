package dev.leastpriv.assertj;

import static dev.leastpriv.assertj.Fixtures.CONNECTION;
import static dev.leastpriv.assertj.Fixtures.METADATA;
import static dev.leastpriv.assertj.Fixtures.METADATA_AND_PROFILER;
import static dev.leastpriv.assertj.LeastPrivAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.Statement;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.Profile;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code grantsEverythingFor}, {@code grantsNothingBeyond} and {@code fitsManagedPolicyLimit}. */
class PolicyAssertConnectorTest {

    @Test
    void grantsEverythingFor_renderedPolicy_passesBothWays() {
        assertThat(METADATA)
                .grantsEverythingFor(CONNECTION, Feature.METADATA)
                .grantsNothingBeyond(CONNECTION, Feature.METADATA)
                .fitsManagedPolicyLimit();
        assertThat(METADATA_AND_PROFILER)
                .grantsEverythingFor(CONNECTION, Profile.OPENMETADATA, Feature.METADATA, Feature.PROFILER)
                .grantsNothingBeyond(CONNECTION, Profile.OPENMETADATA, Feature.METADATA, Feature.PROFILER);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void grantsEverythingFor_everyProfileDefaults_passesForItsRenderedPolicy(Profile profile) {
        Policy policy = PolicyRenderer.render(PolicyRequest.of(CONNECTION, profile, List.of()))
                .policy();

        assertThat(policy).grantsEverythingFor(CONNECTION, profile).grantsNothingBeyond(CONNECTION, profile);
    }

    @Test
    void grantsEverythingFor_noFeatures_usesTheProfileDefaults() {
        Policy defaults = PolicyRenderer.render(PolicyRequest.of(CONNECTION, Profile.OPENMETADATA, List.of()))
                .policy();

        assertThat(defaults).grantsEverythingFor(CONNECTION);
        assertThatThrownBy(() -> assertThat(METADATA).grantsEverythingFor(CONNECTION))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "to grant everything openmetadata needs for metadata, usage, lineage, profiler, tags:");
    }

    @Test
    void grantsEverythingFor_statementRemoved_listsEveryMissingRequirementAndResource() {
        Policy withoutGlueTables = without(METADATA, s -> "GlueTables".equals(s.sid()));

        assertThatThrownBy(() -> assertThat(withoutGlueTables).grantsEverythingFor(CONNECTION, Feature.METADATA))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("\nExpecting policy:\n  " + withoutGlueTables.toCompactJson() + "\n")
                .hasMessageEndingWith("to grant everything openmetadata needs for metadata:\n"
                        + "  19 requirements\n"
                        + "but 2 of them are not allowed:\n"
                        + "  metadata: glue:GetTable on arn:aws:glue:eu-west-1:123456789012:catalog: missing (no"
                        + " identity-based policy allows the action)\n"
                        + "  metadata: glue:GetTable on arn:aws:glue:eu-west-1:123456789012:database/sales: missing"
                        + " (no identity-based policy allows the action)\n"
                        + "  metadata: glue:GetTable on arn:aws:glue:eu-west-1:123456789012:table/sales/*: missing (no"
                        + " identity-based policy allows the action)\n"
                        + "  metadata: glue:GetTables on arn:aws:glue:eu-west-1:123456789012:catalog: missing (no"
                        + " identity-based policy allows the action)\n"
                        + "  metadata: glue:GetTables on arn:aws:glue:eu-west-1:123456789012:database/sales: missing"
                        + " (no identity-based policy allows the action)\n"
                        + "  metadata: glue:GetTables on arn:aws:glue:eu-west-1:123456789012:table/sales/*: missing"
                        + " (no identity-based policy allows the action)");
    }

    @Test
    void grantsEverythingFor_denyAdded_reportsTheExplicitDeny() {
        Policy denied = with(
                METADATA,
                Statement.deny()
                        .sid("NoResultsWrites")
                        .addAction("s3:PutObject")
                        .addResource("arn:aws:s3:::athena-results-123456789012/*")
                        .build());

        assertThatThrownBy(() -> assertThat(denied).grantsEverythingFor(CONNECTION, Feature.METADATA))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but 1 of them is not allowed:\n"
                        + "  metadata: s3:PutObject on arn:aws:s3:::athena-results-123456789012/openmetadata/*:"
                        + " denied-explicit (explicitDeny by a Deny statement (\"policy-1.json\", statement 7, Sid"
                        + " NoResultsWrites))");
    }

    @Test
    void grantsEverythingFor_conditionalGrant_isNotAllowedWithoutItsContext() {
        Policy conditional = Policy.of(METADATA.statements().stream()
                .map(s -> "AthenaWorkgroup".equals(s.sid())
                        ? Fixtures.policy("""
                                        {'Version': '2012-10-17', 'Statement': {'Sid': 'AthenaWorkgroup',
                                         'Effect': 'Allow', 'Action': ['athena:GetQueryExecution',
                                         'athena:GetQueryResults', 'athena:StartQueryExecution',
                                         'athena:StopQueryExecution'],
                                         'Resource': 'arn:aws:athena:eu-west-1:123456789012:workgroup/metadata',
                                         'Condition': {'IpAddress': {'aws:SourceIp': '203.0.113.0/24'}}}}
                                        """).statements().get(0)
                        : s)
                .toList());

        assertThatThrownBy(() -> assertThat(conditional).grantsEverythingFor(CONNECTION, Feature.METADATA))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("  metadata: athena:StartQueryExecution on"
                        + " arn:aws:athena:eu-west-1:123456789012:workgroup/metadata: unknown (no identity-based policy"
                        + " allows the action; conditions need context keys the check cannot know: aws:SourceIp)");
    }

    @Test
    void grantsEverythingFor_policySetSplitInTwo_passesTogetherNotApart() {
        List<Statement> statements = METADATA.statements();
        Policy first = Policy.of(statements.subList(0, 4));
        Policy second = Policy.of(statements.subList(4, statements.size()));
        PolicySet set = new PolicySet(ImmutableList.of(first, second));

        assertThat(set)
                .grantsEverythingFor(CONNECTION, Feature.METADATA)
                .grantsNothingBeyond(CONNECTION, Feature.METADATA)
                .fitsManagedPolicyLimit()
                .allows("s3:PutObject")
                .on(Fixtures.RESULTS_OBJECTS);
        assertThatThrownBy(() -> assertThat(first).grantsEverythingFor(CONNECTION, Feature.METADATA))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("  19 requirements\nbut 9 of them are not allowed:\n");
    }

    @Test
    void grantsNothingBeyond_policyForMoreFeatures_listsTheExtraGrants() {
        assertThatThrownBy(() -> assertThat(METADATA_AND_PROFILER).grantsNothingBeyond(CONNECTION, Feature.METADATA))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to grant nothing beyond what openmetadata needs for metadata\n"
                        + "but it also grants:\n"
                        + "  glue:BatchGetPartition, glue:GetPartitions on arn:aws:glue:eu-west-1:123456789012:catalog,"
                        + " arn:aws:glue:eu-west-1:123456789012:database/sales,"
                        + " arn:aws:glue:eu-west-1:123456789012:table/sales/* (at /Statement/4, Sid GlueTables)\n"
                        + "  s3:GetBucketLocation (required on fewer resources), s3:ListBucket (required on fewer"
                        + " resources) on arn:aws:s3:::company-data-lake (at /Statement/7,"
                        + " Sid DataBuckets)\n"
                        + "  s3:GetObject (required on fewer resources) on arn:aws:s3:::company-data-lake/warehouse/*"
                        + " (at /Statement/8,"
                        + " Sid DataObjects)");
    }

    @Test
    void grantsNothingBeyond_wildcardActionAndNotAction_areBeyond() {
        Policy broad = Fixtures.policy("""
                {'Version': '2012-10-17', 'Statement': [
                  {'Sid': 'Glue', 'Effect': 'Allow', 'Action': 'glue:*',
                   'Resource': 'arn:aws:glue:eu-west-1:123456789012:catalog'},
                  {'Sid': 'NotIam', 'Effect': 'Allow', 'NotAction': 'iam:*', 'Resource': '*'}]}
                """);

        assertThatThrownBy(() -> assertThat(broad).grantsNothingBeyond(CONNECTION, Feature.METADATA))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("(?s).*\nbut it also grants:\n"
                        + "  glue:\\* \\(\\d+ actions not required\\) on arn:aws:glue:eu-west-1:123456789012:catalog"
                        + " \\(at /Statement/0, Sid Glue\\)\n"
                        + "  every action except iam:\\* on \\* \\(at /Statement/1, Sid NotIam\\)");
    }

    @Test
    void grantsNothingBeyond_policySet_namesTheFile() {
        PolicySet set = new PolicySet(ImmutableList.of(METADATA, Fixtures.LAKE_WITH_DENY));

        assertThatThrownBy(() -> assertThat(set).grantsNothingBeyond(CONNECTION, Feature.METADATA))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("\nExpecting policies:\n  " + METADATA.toCompactJson() + "\n  "
                        + Fixtures.LAKE_WITH_DENY.toCompactJson() + "\n")
                .hasMessageContaining("(policy-2.json at /Statement/0, Sid Lake)");
    }

    @Test
    void fitsManagedPolicyLimit_150Databases_failsWithTheSize() {
        Connection.Builder many = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .results("s3://athena-results-123456789012/openmetadata/");
        IntStream.rangeClosed(1, 150).forEach(i -> many.addDatabase(String.format(Locale.ROOT, "db%03d", i)));
        Connection connection = many.build();
        Policy big = PolicyRenderer.render(
                        PolicyRequest.of(connection, Profile.OPENMETADATA, List.of(Feature.METADATA)))
                .policy();
        String size = String.format(Locale.ROOT, "%,d", PolicySize.of(big).characters());

        assertThat(big).grantsEverythingFor(connection, Feature.METADATA);
        assertThatThrownBy(() -> assertThat(big).fitsManagedPolicyLimit())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("… (" + size + " characters in all)\n")
                .hasMessageEndingWith("to fit the managed policy limit:\n  6,144 characters (whitespace not counted)\n"
                        + "but it has:\n  " + size + " characters");
    }

    @Test
    void fitsManagedPolicyLimit_policySet_namesThePolicyThatDoesNotFit() {
        Connection.Builder many = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .results("s3://athena-results-123456789012/openmetadata/");
        IntStream.rangeClosed(1, 40).forEach(i -> many.addDatabase(String.format(Locale.ROOT, "db%03d", i)));
        Policy big = PolicyRenderer.render(
                        PolicyRequest.of(many.build(), Profile.OPENMETADATA, List.of(Feature.METADATA)))
                .policy();

        assertThatThrownBy(() -> assertThat(new PolicySet(ImmutableList.of(METADATA, big)))
                        .fitsManagedPolicyLimit())
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but these do not fit:\n  policy-2.json: "
                        + String.format(Locale.ROOT, "%,d", PolicySize.of(big).characters()) + " characters");
    }

    @Test
    void grantsEverythingFor_featureTheProfileLacks_throwsIllegalArgument() {
        assertThatThrownBy(() -> assertThat(METADATA).grantsEverythingFor(CONNECTION, Profile.OMNI, Feature.TAGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("features: connector omni has no feature \"tags\"");
        assertThatThrownBy(() -> assertThat(METADATA).grantsNothingBeyond(null, Feature.METADATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The connection must not be null");
    }

    private static Policy without(Policy policy, Predicate<Statement> drop) {
        return Policy.of(policy.statements().stream().filter(drop.negate()).toList());
    }

    private static Policy with(Policy policy, Statement statement) {
        return policy.toBuilder().addStatement(statement).build();
    }
}
