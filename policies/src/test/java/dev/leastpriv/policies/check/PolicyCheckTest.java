package dev.leastpriv.policies.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.Requirement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCheckTest {

    private static final String ACCOUNT = "arn:aws:glue:eu-west-1:123456789012:";
    private static final PolicyCheck CHECK = PolicyCheck.create(ActionCatalog.standard());

    private static Requirement need(String action, String... resources) {
        return Requirement.stated(
                Feature.METADATA,
                Action.parse(action),
                List.of(resources).stream().map(Resource::parse).toList(),
                "test");
    }

    private static CheckReport check(String policy, Requirement... required) {
        return CHECK.check(List.of(new PolicyInput("p.json", policy.replace('\'', '"'))), null, List.of(required));
    }

    private static List<String> codes(CheckReport report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    @Test
    void check_policyGrantingExactlyTheRequirements_passesWithoutFindingsOrOverGrant() {
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':[{'Sid':'Glue','Effect':'Allow',"
                        + "'Action':['glue:GetTables'],'Resource':['" + ACCOUNT + "catalog','" + ACCOUNT
                        + "database/sales','" + ACCOUNT + "table/sales/*']}]}",
                need("glue:GetTables", ACCOUNT + "catalog", ACCOUNT + "database/sales", ACCOUNT + "table/sales/*"));

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).isEmpty();
        assertThat(report.overGrants()).isEmpty();
    }

    @Test
    void check_glueGrantWithoutCatalog_isMissingAndFlagsTheAncestor() {
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'glue:GetTables'," + "'Resource':['"
                        + ACCOUNT + "database/sales','" + ACCOUNT + "table/sales/*']}]}",
                need("glue:GetTables", ACCOUNT + "catalog", ACCOUNT + "database/sales", ACCOUNT + "table/sales/*"));

        assertThat(report.passed()).isFalse();
        assertThat(report.missing()).singleElement().satisfies(c -> {
            assertThat(c.decision()).isEqualTo(Decision.IMPLICIT_DENY);
            assertThat(c.deniedResource()).isEqualTo(ACCOUNT + "catalog");
        });
        assertThat(report.findings())
                .filteredOn(f -> f.code().equals("GLUE_ANCESTOR_MISSING"))
                .extracting(Finding::pointer)
                .containsExactly("/Statement/0/Resource/0", "/Statement/0/Resource/1");
    }

    @Test
    void check_lakeFormationOnGlueArns_isWildcardOnlyScopedError() {
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'lakeformation:GetResourceLFTags',"
                        + "'Resource':'" + ACCOUNT + "database/sales'}}",
                need("lakeformation:GetResourceLFTags", "*"));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("WILDCARD_ONLY_ACTION_SCOPED");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.pointer()).isEqualTo("/Statement/Action");
        });
        assertThat(report.missing()).hasSize(1);
    }

    @Test
    void check_objectActionOnBucketArn_isResourceMismatch() {
        CheckReport report = check("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':['s3:GetObject'],'Resource':['arn:aws:s3:::results']}]}");

        assertThat(codes(report)).containsExactly("RESOURCE_MISMATCH");
        assertThat(report.findings().get(0).message()).contains("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
    }

    @Test
    void check_lintCodes_areReportedWithSeverity() {
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':["
                        + "{'Sid':'A-1','Effect':'Allow','Action':'s3:*','Resource':'*'},"
                        + "{'Sid':'Dup','Effect':'Allow','NotAction':'iam:*','Resource':'arn:aws:s3:::b'},"
                        + "{'Sid':'Dup','Effect':'Allow','Action':'s3:GetObject','NotResource':'arn:aws:s3:::b/*'},"
                        + "{'Effect':'Allow','Action':['athena:NoSuchAction','foo:Bar'],'Resource':'*'},"
                        + "{'Effect':'Allow','Action':'kms:Decrypt','Resource':'arn:aws:kms:eu-west-1:123456789012:alias/data'}]}");

        assertThat(report.findings())
                .extracting(f -> f.severity().jsonValue() + " " + f.code() + " " + f.pointer())
                .contains(
                        "error INVALID_SID /Statement/0/Sid",
                        "security-warning UNSAFE_ACTION_WILDCARD /Statement/0/Action",
                        "security-warning UNSAFE_RESOURCE_WILDCARD /Statement/0/Resource",
                        "security-warning ALLOW_WITH_NOT_ACTION /Statement/1/NotAction",
                        "error DUPLICATE_SID /Statement/2/Sid",
                        "security-warning ALLOW_WITH_NOT_RESOURCE /Statement/2/NotResource",
                        "error UNKNOWN_ACTION /Statement/3/Action/0",
                        "warning UNKNOWN_SERVICE /Statement/3/Action/1",
                        "error KMS_ALIAS_RESOURCE /Statement/4/Resource",
                        "error RESOURCE_MISMATCH /Statement/4/Action");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void check_findings_carryLineAndColumn() {
        CheckReport report = CHECK.check(
                List.of(new PolicyInput(
                        "p.json",
                        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\n"
                                + "    \"Effect\": \"Allow\",\n    \"Action\": \"s3:GetObject\",\n"
                                + "    \"Resource\": \"arn:aws:s3:::bucket\"\n  }\n}\n")),
                null,
                List.of());

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(5);
            assertThat(f.column()).isEqualTo(5);
            assertThat(f.file()).isEqualTo("p.json");
        });
    }

    @Test
    void check_invalidJson_isAnErrorFindingNotAnException() {
        CheckReport report =
                check("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3-Get','Resource':'*'}]}");

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("INVALID_POLICY");
            assertThat(f.pointer()).isEqualTo("/Statement/0/Action");
        });
    }

    @Test
    void check_catalogInOtherCase_warnsAndIsMissing() {
        String wanted = "arn:aws:athena:eu-west-1:123456789012:datacatalog/awsdatacatalog";
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'athena:ListDatabases',"
                        + "'Resource':'arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog'}]}",
                need("athena:ListDatabases", wanted));

        assertThat(codes(report)).containsExactly("CATALOG_CASE");
        assertThat(report.missing()).hasSize(1);
    }

    @Test
    void check_overGrant_listsActionsBeyondTheRequirements() {
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':[{'Sid':'Results','Effect':'Allow',"
                        + "'Action':['s3:GetObject','s3:DeleteObject'],'Resource':'arn:aws:s3:::results/*'}]}",
                need("s3:GetObject", "arn:aws:s3:::results/*"));

        assertThat(report.passed()).isTrue(); // over-grant is reported, not a failure
        assertThat(report.overGrants()).singleElement().satisfies(g -> {
            assertThat(g.sid()).isEqualTo("Results");
            assertThat(g.actions()).containsExactly("s3:DeleteObject");
        });
    }

    @Test
    void check_boundaryWithoutAllow_isMissingNamingTheBoundary() {
        String allow = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject',"
                + "'Resource':'arn:aws:s3:::results/*'}]}";
        String boundary =
                "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'athena:*','Resource':'*'}]}";

        CheckReport report = CHECK.check(
                List.of(new PolicyInput("p.json", allow.replace('\'', '"'))),
                new PolicyInput("b.json", boundary.replace('\'', '"')),
                List.of(need("s3:GetObject", "arn:aws:s3:::results/*")));

        assertThat(report.missing())
                .singleElement()
                .extracting(Coverage::explanation)
                .isEqualTo("no permissions boundary allows the action");
    }

    @Test
    void check_conditionOnContextKey_isMissingNamingTheKey() {
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject',"
                        + "'Resource':'arn:aws:s3:::results/*','Condition':{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}}]}",
                need("s3:GetObject", "arn:aws:s3:::results/*"));

        assertThat(report.missing())
                .singleElement()
                .extracting(Coverage::explanation)
                .asString()
                .endsWith("conditions need context keys the check cannot know: aws:SourceIp");
    }

    @Test
    void check_wildcardGrantingManyActions_reportsThePatternWithACount() {
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':[{'Sid':'All','Effect':'Allow','Action':'s3:*',"
                        + "'Resource':'arn:aws:s3:::results/*'}]}",
                need("s3:GetObject", "arn:aws:s3:::results/*"));

        assertThat(report.overGrants())
                .singleElement()
                .satisfies(g -> assertThat(g.actions())
                        .singleElement()
                        .asString()
                        .matches("s3:\\* \\(\\d+ actions not required\\)"));
    }

    @Test
    void check_identityStatementWithoutResource_isAnErrorAndGrantsNothing() {
        // IAM refuses an identity policy statement without Resource or NotResource; it is not "Resource": "*".
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'glue:GetTables'}]}",
                need("glue:GetTables", ACCOUNT + "catalog"));

        assertThat(report.passed()).isFalse();
        assertThat(report.missing()).hasSize(1);
        assertThat(report.findings()).anySatisfy(finding -> {
            assertThat(finding.code()).isEqualTo("MISSING_RESOURCE");
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            assertThat(finding.pointer()).isEqualTo("/Statement/0");
        });
    }

    @Test
    void check_principalInIdentityPolicy_isAnErrorAndGrantsNothing() {
        CheckReport report = check(
                "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::123456789012:root'},"
                        + "'Action':'glue:GetTables','Resource':'*'}]}",
                need("glue:GetTables", ACCOUNT + "catalog"));

        assertThat(report.passed()).isFalse();
        assertThat(report.missing()).hasSize(1);
        assertThat(codes(report)).contains("PRINCIPAL_IN_IDENTITY_POLICY");
        assertThat(report.findings())
                .filteredOn(f -> f.code().equals("PRINCIPAL_IN_IDENTITY_POLICY"))
                .singleElement()
                .satisfies(f -> assertThat(f.pointer()).isEqualTo("/Statement/0/Principal"));
    }

    @Test
    void check_manyActionsOfOneUncheckedService_isOneSuggestionPerFile() {
        CheckReport report =
                check("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':['madeup:DescribeInstances',"
                        + "'madeup:DescribeVpcs','madeup:RunInstances'],'Resource':'*'},{'Effect':'Allow',"
                        + "'Action':'madeup:StopInstances','Resource':'*'}]}");

        assertThat(report.findings())
                .filteredOn(f -> f.code().equals("UNKNOWN_SERVICE"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.pointer()).isEqualTo("/Statement/0/Action/0");
                    assertThat(f.message()).startsWith("Service \"madeup\" is no AWS service in the catalog");
                });
    }
}
