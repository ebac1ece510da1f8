package dev.leastpriv.policies.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.explain.DenialExplanation.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExplainTest {

    private static final String ROLE_SESSION = "arn:aws:sts::123456789012:assumed-role/openmetadata/ingestion";

    private static Connection connection() {
        return Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .addDatabase("sales")
                .results("s3://athena-results-123456789012/connector/")
                .addData("s3://company-data-lake/warehouse/")
                .build();
    }

    private static PolicyRequest request(Profile profile, Feature... features) {
        return PolicyRequest.of(connection(), profile, List.of(features));
    }

    private static String message(String action, String resource, String cause) {
        return "User: " + ROLE_SESSION + " is not authorized to perform: " + action + " on resource: " + resource + " "
                + cause;
    }

    private static DenialExplanation explainOne(PolicyRequest request, String text) {
        ImmutableList<AccessDenied> denials = AccessDeniedParser.parse(text);
        assertThat(denials).hasSize(1);
        return Explain.explain(request, denials).explanations().get(0);
    }

    @Test
    void explain_issueMessage_grantsTheMetadataStatementForTheRole() {
        String issue = "An error occurred (AccessDeniedException) when calling the GetTables operation: User:\n"
                + ROLE_SESSION + " is not authorized to perform: glue:GetTables on\nresource:"
                + " arn:aws:glue:eu-west-1:123456789012:catalog because no identity-based policy allows the"
                + " glue:GetTables action";

        DenialExplanation e = explainOne(request(Profile.OPENMETADATA), issue);

        assertThat(e.outcome()).isEqualTo(Outcome.GRANT);
        assertThat(e.location()).isEqualTo(FixLocation.IDENTITY_POLICY);
        assertThat(e.requirements()).extracting(Requirement::feature).contains(Feature.METADATA);
        assertThat(e.fix()).contains("arn:aws:iam::123456789012:role/openmetadata");
        assertThat(e.notes()).anyMatch(n -> n.contains("path"));
        // the statements to add really allow the denied call, and nothing the matched requirements do not name
        Evaluator grant = Evaluator.compile(Policies.identity(e.grant().policies()));
        assertThat(grant.evaluate(Request.of("glue:GetTables", "arn:aws:glue:eu-west-1:123456789012:catalog"))
                        .decision()
                        .isAllowed())
                .isTrue();
        assertThat(grant.evaluate(Request.of("s3:GetObject", "arn:aws:s3:::company-data-lake/warehouse/x"))
                        .decision()
                        .isAllowed())
                .isFalse();
        assertThat(e.grant().policies().get(0).statements())
                .allMatch(s -> s.actions().stream().allMatch(a -> a.equals(Action.parse("glue:GetTables"))));
    }

    @Test
    void explain_explicitDenyOfNeededCall_isElsewhereAndSaysAllowDoesNotHelp() {
        DenialExplanation e = explainOne(
                request(Profile.OPENMETADATA),
                message(
                        "glue:GetTables",
                        "arn:aws:glue:eu-west-1:123456789012:catalog",
                        "with an explicit deny in a service control policy:"
                                + " arn:aws:organizations::111111111111:policy/o-abc/service_control_policy/p-abc"));

        assertThat(e.outcome()).isEqualTo(Outcome.ELSEWHERE);
        assertThat(e.location()).isEqualTo(FixLocation.ORGANIZATION_POLICY);
        assertThat(e.grant()).isNull();
        assertThat(e.requirements()).isNotEmpty();
        assertThat(e.fix()).contains("p-abc").contains("organization");
        DenialExplanation deny = explainOne(
                request(Profile.OPENMETADATA),
                message(
                        "glue:GetTables",
                        "arn:aws:glue:eu-west-1:123456789012:catalog",
                        "with an explicit deny in an identity-based policy"));
        assertThat(deny.fix()).contains("Adding an Allow does not help");
    }

    @Test
    void explain_resourcePolicyCauses_nameTheResourcesPolicy() {
        DenialExplanation kms = explainOne(
                requestWithKms(),
                message(
                        "kms:Decrypt",
                        "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        "because no resource-based policy allows the kms:Decrypt action"));
        assertThat(kms.outcome()).isEqualTo(Outcome.ELSEWHERE);
        assertThat(kms.location()).isEqualTo(FixLocation.RESOURCE_POLICY);
        assertThat(kms.fix()).contains("key policy");
    }

    private static PolicyRequest requestWithKms() {
        Connection c = connection().toBuilder()
                .addKmsKey("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                .build();
        return PolicyRequest.of(c, Profile.OPENMETADATA, List.of(Feature.METADATA, Feature.PROFILER));
    }

    @Test
    void explain_callOfAFeatureNotOn_isNotNeededAndNamesTheFeature() {
        // the default features of OpenMetadata do not read table data; the profiler does
        DenialExplanation e = explainOne(
                request(Profile.OPENMETADATA, Feature.METADATA),
                message(
                        "s3:GetObject",
                        "arn:aws:s3:::company-data-lake/warehouse/sales/part-0.parquet",
                        "because no identity-based policy allows the s3:GetObject action"));

        assertThat(e.outcome()).isEqualTo(Outcome.NOT_NEEDED);
        assertThat(e.grant()).isNull();
        assertThat(e.neededWith()).anyMatch(n -> n.contains("profiler"));
        assertThat(e.fix()).startsWith("nothing to grant");
    }

    @Test
    void explain_lakeFormationDataAccess_isNeededOnlyWithLakeFormation() {
        DenialExplanation off = explainOne(
                request(Profile.OPENMETADATA, Feature.METADATA, Feature.PROFILER),
                "User: " + ROLE_SESSION + " is not authorized to perform: lakeformation:GetDataAccess because no"
                        + " identity-based policy allows the lakeformation:GetDataAccess action");
        assertThat(off.outcome()).isEqualTo(Outcome.NOT_NEEDED);
        assertThat(off.neededWith()).anyMatch(n -> n.contains("Lake Formation"));

        PolicyRequest governed = PolicyRequest.of(
                connection().toBuilder().lakeFormation(true).build(),
                Profile.OPENMETADATA,
                List.of(Feature.METADATA, Feature.PROFILER));
        DenialExplanation on = explainOne(
                governed,
                "User: " + ROLE_SESSION + " is not authorized to perform: lakeformation:GetDataAccess because no"
                        + " identity-based policy allows the lakeformation:GetDataAccess action");
        assertThat(on.outcome()).isEqualTo(Outcome.GRANT);
    }

    @Test
    void explain_otherDatabase_isNotNeededAndSaysWhichResourcesAre() {
        DenialExplanation e = explainOne(
                request(Profile.OPENMETADATA, Feature.METADATA),
                message(
                        "glue:GetTables",
                        "arn:aws:glue:eu-west-1:123456789012:database/finance",
                        "because no identity-based policy allows the glue:GetTables action"));

        assertThat(e.outcome()).isEqualTo(Outcome.NOT_NEEDED);
        assertThat(e.notes()).anyMatch(n -> n.contains("database/sales"));
    }

    @Test
    void explain_otherAccountAndRegion_areNoted() {
        DenialExplanation e = explainOne(
                request(Profile.OPENMETADATA, Feature.METADATA),
                "User: arn:aws:sts::210987654321:assumed-role/om/s is not authorized to perform: glue:GetTables on"
                        + " resource: arn:aws:glue:us-east-2:913550007193:catalog because no resource-based policy"
                        + " allows the glue:GetTables action");

        assertThat(e.notes())
                .anyMatch(n -> n.contains("210987654321"))
                .anyMatch(n -> n.contains("913550007193"))
                .anyMatch(n -> n.contains("us-east-2"));
    }

    @Test
    void explain_bareS3Forbidden_isUndeterminedWithS3Candidates() {
        DenialExplanation e = explainOne(
                request(Profile.OPENMETADATA),
                "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied");

        assertThat(e.outcome()).isEqualTo(Outcome.UNDETERMINED);
        assertThat(e.requirements()).isNotEmpty().allMatch(r -> r.action().equals(Action.parse("s3:GetObject")));
    }

    @Test
    void explain_lakeFormationRefusal_pointsAtLakeFormationGrants() {
        DenialExplanation e = explainOne(
                request(Profile.OPENMETADATA),
                "An error occurred (AccessDeniedException) when calling the GetTable operation Insufficient Lake"
                        + " Formation permission(s) on extraction_batch");

        assertThat(e.outcome()).isEqualTo(Outcome.ELSEWHERE);
        assertThat(e.location()).isEqualTo(FixLocation.LAKE_FORMATION);
        assertThat(e.requirements()).allMatch(r -> r.action().equals(Action.parse("glue:GetTable")));
    }

    @Test
    void explain_templateRequest_isRefused() {
        PolicyRequest template =
                PolicyRequest.template(Connection.builder().build(), Profile.OPENMETADATA, List.of(Feature.METADATA));

        assertThatThrownBy(() -> Explain.explain(
                        template,
                        AccessDeniedParser.parse(
                                message("glue:GetTables", "arn:aws:glue:eu-west-1:123456789012:catalog", ""))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("real values");
    }

    /** Every requirement of every connector, denied as AWS would print it, is a grant of exactly that requirement. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void explain_everyRequirementOfEveryProfile_isAGrantCoveringIt(Profile profile) {
        PolicyRequest request = PolicyRequest.of(
                connection(),
                profile,
                profile.features().stream()
                        .filter(f -> f != Feature.FEDERATED_QUERY && f != Feature.PARTITION_PROFILING)
                        .toList());
        StringBuilder log = new StringBuilder();
        List<Requirement> requirements = RequirementSet.of(request).requirements();
        for (Requirement r : requirements) {
            String cause = "because no identity-based policy allows the " + r.action() + " action";
            String pattern = r.resources().get(0).pattern();
            // an action without resource types is denied without "on resource:" (AWS's SCP example)
            log.append(
                            pattern.equals("*")
                                    ? "User: " + ROLE_SESSION + " is not authorized to perform: " + r.action() + " "
                                            + cause
                                    : message(r.action().toString(), pattern.replace("*", "x"), cause))
                    .append('\n');
        }

        DenialReport report = Explain.explain(request, AccessDeniedParser.parse(log));

        assertThat(report.explanations()).isNotEmpty();
        assertThat(report.explained()).isTrue();
        for (DenialExplanation e : report.explanations()) {
            assertThat(e.outcome()).as("%s %s", profile, e.denial().action()).isEqualTo(Outcome.GRANT);
            Evaluator grant = Evaluator.compile(Policies.identity(e.grant().policies()));
            assertThat(grant.evaluate(Request.builder()
                                    .action(e.denial().action())
                                    .resource(
                                            e.denial().resource() == null
                                                    ? "*"
                                                    : e.denial().resource())
                                    .build())
                            .decision()
                            .isAllowed())
                    .as("%s %s on %s", profile, e.denial().action(), e.denial().resource())
                    .isTrue();
        }
    }
}
