package dev.leastpriv.cli;

import static dev.leastpriv.cli.CliRun.args;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** OpenMetadata reading metadata of one database: the smallest connection with every required field. */
    private static final String[] METADATA_SALES = {
        "--region",
        "eu-west-1",
        "--account",
        "123456789012",
        "--workgroup",
        "metadata",
        "--database",
        "sales",
        "--results",
        "s3://athena-results-123456789012/openmetadata/",
        "--features",
        "metadata"
    };

    /** Every field a profile can use, except the connector and its features. */
    private static final String[] FULL_CONNECTION = {
        "--region",
        "eu-west-1",
        "--account",
        "123456789012",
        "--workgroup",
        "metadata",
        "--database",
        "sales,marketing",
        "--results",
        "s3://athena-results-123456789012/connector/",
        "--data",
        "s3://company-data-lake/warehouse/"
    };

    private static final String DOCS_POLICY = Path.of("..", "samples", "policies", "openmetadata-docs-policy.json")
            .toString();

    private static final String OPENMETADATA_CONFIG =
            Path.of("..", "samples", "config", "openmetadata.yaml").toString();

    private static final String[] DOCS_CHECK = {"check", "--policy", DOCS_POLICY, "--config", OPENMETADATA_CONFIG};

    private static final Pattern CLEAN_PASS = Pattern.compile("\nPASS: ([1-9]\\d*) of \\1 requirements allowed;"
            + " 0 errors, 0 security-warnings, 0 warnings, 0 suggestions; 0 over-granting statements\n\\z");

    private static final String NO_IDENTITY_POLICY = "implicitDeny, no identity-based policy allows the action";

    @TempDir
    Path dir;

    // ---- our own policy passes ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("profileConnections")
    void check_ownPolicyOfProfile_passesCleanly(String profile, String variant, String[] connection) {
        String[] withConnector = args(connection, "--connector", profile);
        Path policy = generate(withConnector);

        var run = check(withConnector, "--policy", policy.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Coverage (" + profile + ": ")
                .containsPattern(CLEAN_PASS)
                .contains("\nFindings: none\nOver-grant: none\n")
                .doesNotContain("MISSING");
        assertThat(run.err()).isEmpty();
    }

    static Stream<Arguments> profileConnections() {
        List<Arguments> cases = new ArrayList<>();
        for (Profile profile : Profile.values()) {
            cases.add(Arguments.of(profile.id(), "default features", FULL_CONNECTION));
            cases.add(Arguments.of(
                    profile.id(),
                    "every feature, both catalog cases",
                    args(
                            FULL_CONNECTION,
                            "--features",
                            profile.features().stream()
                                    .filter(feature -> feature != Feature.PARTITION_PROFILING)
                                    .map(Feature::id)
                                    .collect(joining(",")),
                            "--catalog",
                            "AwsDataCatalog,dynamodb",
                            "--both-catalog-cases",
                            "--lambda",
                            "athena-dynamodb-connector",
                            "--kms-key",
                            "1234abcd-12ab-34cd-56ef-1234567890ab",
                            "--lake-formation",
                            "--spill",
                            "s3://athena-spill-123456789012/dynamodb/",
                            "--history-workgroup",
                            "etl")));
            if (profile != Profile.OPENMETADATA) {
                // DataHub's partition profiling needs a scratch session database; OpenMetadata refuses one.
                cases.add(Arguments.of(
                        profile.id(),
                        "every feature, a session database",
                        args(
                                FULL_CONNECTION,
                                "--features",
                                profile.features().stream().map(Feature::id).collect(joining(",")),
                                "--lambda",
                                "athena-dynamodb-connector",
                                "--session-database",
                                "scratch")));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openmetadata.yaml", "omni.yaml"})
    void check_ownPolicyOfSampleConfig_passesCleanly(String config) {
        String[] connection = {
            "--config", Path.of("..", "samples", "config", config).toString()
        };
        Path policy = generate(connection);

        var run = check(connection, "--policy", policy.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern(CLEAN_PASS).doesNotContain("MISSING");
        assertThat(run.err()).isEmpty();
    }

    // ---- the OpenMetadata docs policy -----------------------------------------------------------------------

    @Test
    void check_openMetadataDocsPolicy_reportsFindingsMissingAndOverGrant() {
        var run = CliRun.of(DOCS_CHECK);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines())
                .contains(
                        "  error WILDCARD_ONLY_ACTION_SCOPED  " + DOCS_POLICY + ":63:13 /Statement/6/Action"
                                + "  \"lakeformation:GetResourceLFTags\" has no resource types, so only"
                                + " \"Resource\": \"*\" grants it; this statement grants nothing",
                        "  warning CATALOG_CASE  " + DOCS_POLICY + ":21:13 /Statement/1/Resource"
                                + "  \"arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog\" differs only"
                                + " in case from \"arn:aws:athena:eu-west-1:123456789012:datacatalog/awsdatacatalog\","
                                + " the spelling the connector sends; IAM compares resource names case-sensitively,"
                                + " so it grants nothing for metadata",
                        "  security-warning UNSAFE_RESOURCE_WILDCARD  " + DOCS_POLICY + ":29:13 /Statement/2/Resource"
                                + "  \"Resource\": \"*\" for actions that support resource-level permissions; name"
                                + " the resources the connector needs",
                        "  MISSING  tags  lakeformation:GetResourceLFTags on *: " + NO_IDENTITY_POLICY,
                        "  " + DOCS_POLICY + " /Statement/2: athena:ListQueryExecutions on *"
                                + " (required, but on fewer resources: keep the actions, narrow the resources)")
                .endsWith("FAIL: 33 of 82 requirements allowed; 1 error, 1 security-warning, 2 warnings,"
                        + " 0 suggestions; 4 over-granting statements");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void check_openMetadataDocsPolicy_printsGoldenReport() {
        var run = CliRun.of(DOCS_CHECK);

        assertThat(run.exitCode()).isEqualTo(1);
        Golden.assertMatches(run.out(), "check-openmetadata-docs-policy.txt");
    }

    // ---- one lint code at a time ----------------------------------------------------------------------------

    /** A policy that draws {@code code} at {@code pointer}, {@code line}:{@code column}, among {@code allCodes}. */
    record LintCase(
            String code, String severity, String pointer, int line, int column, List<String> allCodes, String policy) {

        @Override
        public String toString() {
            return code + " at " + pointer;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lintCases")
    void check_policyWithOneMistake_reportsCodeSeverityAndLocationInJson(LintCase lint) throws IOException {
        Path complete = generate(METADATA_SALES);
        Path policy = write("lint.json", lint.policy());

        var run = check(
                METADATA_SALES, "--policy", complete.toString(), "--policy", policy.toString(), "--format", "json");

        JsonNode report = JSON.readTree(run.out());
        // The default --fail-on is security-warning.
        boolean fails = lint.severity().equals("error") || lint.severity().equals("security-warning");
        assertThat(run.exitCode()).isEqualTo(fails ? 1 : 0);
        assertThat(report.path("passed").booleanValue()).isEqualTo(!fails);
        assertThat(texts(report.path("findings"), "code")).containsExactlyElementsOf(lint.allCodes());
        JsonNode finding = stream(report.path("findings"))
                .filter(f -> f.path("code").asText().equals(lint.code()))
                .findFirst()
                .orElseThrow();
        assertThat(finding.path("severity").asText()).isEqualTo(lint.severity());
        assertThat(finding.path("file").asText()).isEqualTo(policy.toString());
        assertThat(finding.path("pointer").asText()).isEqualTo(lint.pointer());
        assertThat(finding.path("line").intValue()).isEqualTo(lint.line());
        assertThat(finding.path("column").intValue()).isEqualTo(lint.column());
        assertThat(finding.path("message").asText()).isNotBlank();
        assertThat(run.err()).isEmpty();
    }

    static Stream<LintCase> lintCases() {
        return Stream.of(
                // A syntax error stands where reading stopped: the end of the input.
                new LintCase("INVALID_POLICY", "error", "", 4, 1, List.of("INVALID_POLICY"), """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                        """),
                // A grammar error is located through the raw document: the statement at fault.
                new LintCase("INVALID_POLICY", "error", "/Statement/0", 4, 5, List.of("INVALID_POLICY"), """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"}
                          ]
                        }
                        """),
                new LintCase("INVALID_SID", "error", "/Statement/Sid", 4, 5, List.of("INVALID_SID"), """
                        {
                          "Version": "2012-10-17",
                          "Statement": {
                            "Sid": "read-results",
                            "Effect": "Allow",
                            "Action": "s3:GetObject",
                            "Resource": "arn:aws:s3:::athena-results-123456789012/openmetadata/*"
                          }
                        }
                        """),
                new LintCase("DUPLICATE_SID", "error", "/Statement/1/Sid", 11, 7, List.of("DUPLICATE_SID"), """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Sid": "Results",
                              "Effect": "Allow",
                              "Action": "s3:GetObject",
                              "Resource": "arn:aws:s3:::athena-results-123456789012/openmetadata/*"
                            },
                            {
                              "Sid": "Results",
                              "Effect": "Allow",
                              "Action": "s3:PutObject",
                              "Resource": "arn:aws:s3:::athena-results-123456789012/openmetadata/*"
                            }
                          ]
                        }
                        """),
                new LintCase(
                        "PRINCIPAL_IN_IDENTITY_POLICY",
                        "error",
                        "/Statement/0/Principal",
                        6,
                        7,
                        List.of("PRINCIPAL_IN_IDENTITY_POLICY"),
                        """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
                              "Action": "s3:GetObject",
                              "Resource": "arn:aws:s3:::athena-results-123456789012/openmetadata/*"
                            }
                          ]
                        }
                        """),
                new LintCase(
                        "ALLOW_WITH_NOT_ACTION",
                        "security-warning",
                        "/Statement/0/NotAction",
                        6,
                        7,
                        List.of("ALLOW_WITH_NOT_ACTION"),
                        """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "NotAction": "iam:*",
                              "Resource": "arn:aws:s3:::athena-results-123456789012/openmetadata/*"
                            }
                          ]
                        }
                        """),
                new LintCase(
                        "ALLOW_WITH_NOT_RESOURCE",
                        "security-warning",
                        "/Statement/0/NotResource",
                        7,
                        7,
                        List.of("ALLOW_WITH_NOT_RESOURCE"),
                        """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Action": ["s3:GetObject"],
                              "NotResource": ["arn:aws:s3:::secrets/*"]
                            }
                          ]
                        }
                        """),
                new LintCase(
                        "UNSAFE_ACTION_WILDCARD",
                        "security-warning",
                        "/Statement/0/Action/1",
                        8,
                        9,
                        // athena:* also covers the action listed before it
                        List.of("UNSAFE_ACTION_WILDCARD", "REDUNDANT_ACTION"),
                        """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Action": [
                                "athena:GetQueryExecution",
                                "athena:*"
                              ],
                              "Resource": "arn:aws:athena:eu-west-1:123456789012:workgroup/metadata"
                            }
                          ]
                        }
                        """),
                new LintCase("UNKNOWN_ACTION", "error", "/Statement/0/Action/1", 8, 9, List.of("UNKNOWN_ACTION"), """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Action": [
                                "athena:GetQueryResults",
                                "athena:GetQueryResult"
                              ],
                              "Resource": "arn:aws:athena:eu-west-1:123456789012:workgroup/metadata"
                            }
                          ]
                        }
                        """),
                new LintCase(
                        "UNKNOWN_SERVICE", "warning", "/Statement/0/Action", 6, 7, List.of("UNKNOWN_SERVICE"), """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Action": "madeup:DescribeInstances",
                              "Resource": "*"
                            }
                          ]
                        }
                        """),
                new LintCase(
                        "RESOURCE_MISMATCH", "error", "/Statement/0/Action/1", 8, 9, List.of("RESOURCE_MISMATCH"), """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Action": [
                                "s3:ListBucket",
                                "s3:GetObject"
                              ],
                              "Resource": "arn:aws:s3:::athena-results-123456789012"
                            }
                          ]
                        }
                        """),
                new LintCase(
                        "WILDCARD_ONLY_ACTION_SCOPED",
                        "error",
                        "/Statement/0/Action",
                        6,
                        7,
                        List.of("WILDCARD_ONLY_ACTION_SCOPED"),
                        """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Action": "athena:ListWorkGroups",
                              "Resource": "arn:aws:athena:eu-west-1:123456789012:workgroup/metadata"
                            }
                          ]
                        }
                        """),
                // kms:Decrypt never matches an alias ARN either, so RESOURCE_MISMATCH comes first.
                new LintCase(
                        "KMS_ALIAS_RESOURCE",
                        "error",
                        "/Statement/0/Resource/0",
                        7,
                        20,
                        List.of("RESOURCE_MISMATCH", "KMS_ALIAS_RESOURCE"),
                        """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Action": "kms:Decrypt",
                              "Resource": ["arn:aws:kms:eu-west-1:123456789012:alias/athena-results"]
                            }
                          ]
                        }
                        """),
                new LintCase(
                        "UNSAFE_RESOURCE_WILDCARD",
                        "security-warning",
                        "/Statement/0/Resource/0",
                        7,
                        20,
                        List.of("UNSAFE_RESOURCE_WILDCARD"),
                        """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Action": ["s3:GetObject"],
                              "Resource": ["*"]
                            }
                          ]
                        }
                        """),
                new LintCase("CATALOG_CASE", "warning", "/Statement/0/Resource", 7, 7, List.of("CATALOG_CASE"), """
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            {
                              "Effect": "Allow",
                              "Action": ["athena:ListDatabases"],
                              "Resource": "arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog"
                            }
                          ]
                        }
                        """));
    }

    @Test
    void check_malformedJson_reportsInvalidPolicyFindingAndExitsOne() throws IOException {
        Path policy = write("broken.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");

        var run = check(METADATA_SALES, "--policy", policy.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("\nFindings\n  error INVALID_POLICY  " + policy
                        + ":4:1 /  Invalid JSON: Unexpected end-of-input")
                .endsWith("\nFAIL: 0 of 19 requirements allowed; 1 error, 0 security-warnings, 0 warnings,"
                        + " 0 suggestions; 0 over-granting statements\n");
        assertThat(run.err()).isEmpty();
    }

    // ---- why a requirement is missing -----------------------------------------------------------------------

    @Test
    void check_explicitDeny_namesTheFileAndStatementThatDenies() throws IOException {
        Path allow = generate(METADATA_SALES);
        Path deny = write(
                "deny.json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoTables\",\"Effect\":\"Deny\","
                        + "\"Action\":\"glue:GetTables\",\"Resource\":\"*\"}]}");
        Path boundary = write(
                "boundary.json",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"athena:GetQueryResults\","
                        + "\"Resource\":\"*\"}]}");

        var run = check(
                METADATA_SALES,
                "--policy",
                allow.toString(),
                "--policy",
                deny.toString(),
                "--boundary",
                boundary.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("glue:GetTables on arn:aws:glue:eu-west-1:123456789012:catalog: explicitDeny, explicitDeny by"
                        + " a Deny statement (\"" + deny + "\", statement 0, Sid NoTables)")
                .contains("athena:GetQueryResults on arn:aws:athena:eu-west-1:123456789012:workgroup/metadata:"
                        + " explicitDeny, explicitDeny by a Deny statement (boundary \"" + boundary
                        + "\", statement 1)");
    }

    @Test
    void check_glueStatementsWithoutCatalogArn_missingOnCatalogAndAncestorError() throws IOException {
        String complete = Files.readString(generate(METADATA_SALES), StandardCharsets.UTF_8);
        String withoutCatalog = complete.replace("\"arn:aws:glue:eu-west-1:123456789012:catalog\",", "");
        Path policy = write("no-catalog.json", withoutCatalog);

        var text = check(METADATA_SALES, "--policy", policy.toString());
        var json = check(METADATA_SALES, "--policy", policy.toString(), "--format", "json");

        assertThat(withoutCatalog).isNotEqualTo(complete);
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out().lines())
                .filteredOn(line -> line.startsWith("  MISSING"))
                .containsExactly(
                        // the session database (default), then the listed databases
                        "  MISSING  metadata  glue:GetDatabase on arn:aws:glue:eu-west-1:123456789012:catalog: "
                                + NO_IDENTITY_POLICY,
                        "  MISSING  metadata  glue:GetDatabase on arn:aws:glue:eu-west-1:123456789012:catalog: "
                                + NO_IDENTITY_POLICY,
                        "  MISSING  metadata  glue:GetDatabases on arn:aws:glue:eu-west-1:123456789012:catalog: "
                                + NO_IDENTITY_POLICY,
                        "  MISSING  metadata  glue:GetTable on arn:aws:glue:eu-west-1:123456789012:catalog: "
                                + NO_IDENTITY_POLICY,
                        "  MISSING  metadata  glue:GetTables on arn:aws:glue:eu-west-1:123456789012:catalog: "
                                + NO_IDENTITY_POLICY);
        JsonNode findings = JSON.readTree(json.out()).path("findings");
        // one more than the Glue statements: the session database's statement names no catalog either
        assertThat(texts(findings, "code")).hasSize(7).containsOnly("GLUE_ANCESTOR_MISSING");
        JsonNode first = findings.path(0);
        assertThat(first.path("severity").asText()).isEqualTo("error");
        assertThat(first.path("pointer").asText()).isEqualTo("/Statement/2/Resource/0");
        assertThat(first.path("line").intValue()).isEqualTo(37);
        assertThat(first.path("column").intValue()).isEqualTo(17);
        assertThat(first.path("message").asText())
                .isEqualTo("glue:GetDatabase on \"arn:aws:glue:eu-west-1:123456789012:database/default\" also needs"
                        + " \"arn:aws:glue:eu-west-1:123456789012:catalog\", which no statement allows: Glue checks"
                        + " the root catalog, the database and the table");
    }

    @Test
    void check_everyStatementConditionedOnSourceIp_missingNamesTheUnknownContextKey() throws IOException {
        JsonNode policy = JSON.readTree(generate(METADATA_SALES).toFile());
        for (JsonNode statement : policy.path("Statement")) {
            ((ObjectNode) statement)
                    .putObject("Condition")
                    .putObject("IpAddress")
                    .put("aws:SourceIp", "203.0.113.0/24");
        }
        Path conditioned = write("source-ip.json", JSON.writeValueAsString(policy));
        String explanation =
                "no identity-based policy allows the action; conditions need context keys the check cannot know:"
                        + " aws:SourceIp";

        var text = check(METADATA_SALES, "--policy", conditioned.toString());
        var json = check(METADATA_SALES, "--policy", conditioned.toString(), "--format", "json");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out().lines())
                .contains("  MISSING  metadata  athena:StartQueryExecution on"
                        + " arn:aws:athena:eu-west-1:123456789012:workgroup/metadata: implicitDeny, " + explanation)
                .last()
                .isEqualTo("FAIL: 0 of 19 requirements allowed; 0 errors, 0 security-warnings, 0 warnings,"
                        + " 0 suggestions; 0 over-granting statements");
        assertThat(JSON.readTree(json.out()).path("coverage")).hasSize(19).allSatisfy(coverage -> {
            assertThat(coverage.path("decision").asText()).isEqualTo("implicitDeny");
            assertThat(coverage.path("explanation").asText()).isEqualTo(explanation);
        });
    }

    @Test
    void check_boundaryWithoutS3_missingS3ActionsBecauseNoBoundaryAllowsThem() throws IOException {
        Path policy = generate(METADATA_SALES);
        Path boundary = write("boundary.json", """
                {
                  "Version": "2012-10-17",
                  "Statement": [{"Effect": "Allow", "Action": ["athena:*", "glue:*"], "Resource": "*"}]
                }
                """);
        String denied = ": implicitDeny, no permissions boundary allows the action";

        var run = check(METADATA_SALES, "--policy", policy.toString(), "--boundary", boundary.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines())
                .filteredOn(line -> line.startsWith("  MISSING"))
                .containsExactly(
                        "  MISSING  metadata  s3:GetBucketLocation on arn:aws:s3:::athena-results-123456789012"
                                + denied,
                        "  MISSING  metadata  s3:ListBucket on arn:aws:s3:::athena-results-123456789012" + denied,
                        "  MISSING  metadata  s3:ListBucketMultipartUploads on arn:aws:s3:::athena-results-123456789012"
                                + denied,
                        "  MISSING  metadata  s3:GetObject on arn:aws:s3:::athena-results-123456789012/openmetadata/*"
                                + denied,
                        "  MISSING  metadata  s3:PutObject on arn:aws:s3:::athena-results-123456789012/openmetadata/*"
                                + denied,
                        "  MISSING  metadata  s3:AbortMultipartUpload on"
                                + " arn:aws:s3:::athena-results-123456789012/openmetadata/*" + denied,
                        "  MISSING  metadata  s3:ListMultipartUploadParts on"
                                + " arn:aws:s3:::athena-results-123456789012/openmetadata/*" + denied);
        // A boundary limits, it does not grant: its wildcards are not reported as unsafe grants.
        assertThat(run.out()).doesNotContain("UNSAFE_ACTION_WILDCARD");
    }

    @Test
    void check_boundarySameAsPolicy_passes() {
        Path policy = generate(METADATA_SALES);

        var run = check(METADATA_SALES, "--policy", policy.toString(), "--boundary", policy.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern(CLEAN_PASS);
    }

    // ---- over-grant -----------------------------------------------------------------------------------------

    @Test
    void check_actionOfServiceOutsideCatalog_isListedAsOverGrantAsWritten() throws IOException {
        Path complete = generate(METADATA_SALES);
        Path extra = write("madeup.json", """
                {
                  "Version": "2012-10-17",
                  "Statement": [{"Sid": "Madeup", "Effect": "Allow", "Action": "madeup:*", "Resource": "*"}]
                }
                """);

        var run = check(
                METADATA_SALES, "--policy", complete.toString(), "--policy", extra.toString(), "--fail-on", "error");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines())
                .contains(
                        "Over-grant (allowed beyond the requirements)",
                        "  " + extra + " /Statement/0 (Sid Madeup): madeup:* on *")
                .last()
                .isEqualTo("PASS: 19 of 19 requirements allowed; 0 errors, 1 security-warning, 1 warning,"
                        + " 0 suggestions; 1 over-granting statement");
    }

    @Test
    void check_unknownActionOfKnownService_isErrorButNotOverGrant() throws IOException {
        Path complete = generate(METADATA_SALES);
        Path extra = write("typo.json", """
                {
                  "Version": "2012-10-17",
                  "Statement": [{"Effect": "Allow", "Action": "athena:GetQueryResult", "Resource": "*"}]
                }
                """);

        var run = check(METADATA_SALES, "--policy", complete.toString(), "--policy", extra.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines())
                .contains("Over-grant: none")
                .last()
                .isEqualTo("FAIL: 19 of 19 requirements allowed; 1 error, 0 security-warnings, 0 warnings,"
                        + " 0 suggestions; 0 over-granting statements");
        assertThat(run.out()).contains("  error UNKNOWN_ACTION  " + extra + ":3:37 /Statement/0/Action  ");
    }

    // ---- JSON -----------------------------------------------------------------------------------------------

    @Test
    void check_formatJson_writesPassedCoverageFindingsAndOverGrants() throws IOException {
        var run = CliRun.of(args(DOCS_CHECK, "--format", "json"));

        JsonNode report = JSON.readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(fieldNames(report)).containsExactly("passed", "failOn", "coverage", "findings", "overGrants");
        assertThat(report.path("passed").isBoolean()).isTrue();
        assertThat(report.path("passed").booleanValue()).isFalse();
        assertThat(report.path("coverage")).hasSize(82).allSatisfy(coverage -> {
            assertThat(fieldNames(coverage))
                    .containsSubsequence("feature", "action", "resources", "decision", "explanation", "reason");
            assertThat(coverage.path("resources").isArray()).isTrue();
            assertThat(coverage.path("resources")).isNotEmpty();
            assertThat(coverage.path("reason").asText()).isNotBlank();
        });
        JsonNode tags = stream(report.path("coverage"))
                .filter(c -> c.path("feature").asText().equals("tags"))
                .findFirst()
                .orElseThrow();
        assertThat(tags.path("action").asText()).isEqualTo("lakeformation:GetResourceLFTags");
        assertThat(texts(tags.path("resources"))).containsExactly("*");
        assertThat(tags.path("decision").asText()).isEqualTo("implicitDeny");
        assertThat(tags.path("deniedResource").asText()).isEqualTo("*");
        assertThat(tags.path("explanation").asText()).isEqualTo("no identity-based policy allows the action");
        assertThat(texts(report.path("findings"), "code"))
                .containsExactly(
                        "CATALOG_CASE",
                        "UNSAFE_RESOURCE_WILDCARD",
                        "WILDCARD_ONLY_ACTION_SCOPED",
                        "LAMBDA_UNQUALIFIED_ARN");
        JsonNode overGrant = report.path("overGrants").path(1);
        assertThat(report.path("overGrants")).hasSize(4);
        assertThat(fieldNames(overGrant))
                .containsExactly("file", "pointer", "actions", "widerThanRequired", "resources");
        assertThat(overGrant.path("file").asText()).isEqualTo(DOCS_POLICY);
        assertThat(overGrant.path("pointer").asText()).isEqualTo("/Statement/2");
        assertThat(texts(overGrant.path("actions"))).isEmpty();
        assertThat(texts(overGrant.path("widerThanRequired"))).containsExactly("athena:ListQueryExecutions");
        assertThat(texts(overGrant.path("resources"))).containsExactly("*");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void check_formatJsonOwnPolicy_passedWithAllowedCoverageOnly() throws IOException {
        Path policy = generate(METADATA_SALES);

        var run = check(METADATA_SALES, "--policy", policy.toString(), "--format", "json");

        JsonNode report = JSON.readTree(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(report.path("passed").booleanValue()).isTrue();
        assertThat(report.path("coverage")).hasSize(19).allSatisfy(coverage -> {
            assertThat(coverage.path("decision").asText()).isEqualTo("allowed");
            assertThat(coverage.has("deniedResource")).isFalse();
        });
        assertThat(report.path("findings")).isEmpty();
        assertThat(report.path("overGrants")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif"})
    void check_sameCommandTwice_printsIdenticalBytes(String format) {
        var first = CliRun.of(args(DOCS_CHECK, "--format", format));

        var second = CliRun.of(args(DOCS_CHECK, "--format", format));

        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(second.out().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(first.out().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void check_formatInUpperCase_sameAsLowerCase() {
        var run = CliRun.of(args(DOCS_CHECK, "--format", "JSON"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .isEqualTo(CliRun.of(args(DOCS_CHECK, "--format", "json")).out());
    }

    // ---- SARIF ----------------------------------------------------------------------------------------------

    @Test
    void check_formatSarif_writesRulesLevelsAndLocations() throws IOException {
        var run = CliRun.of(args(DOCS_CHECK, "--format", "sarif"));

        JsonNode sarif = JSON.readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(sarif.path("runs")).hasSize(1);
        JsonNode driver = sarif.path("runs").path(0).path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("leastpriv");
        assertThat(driver.path("version").asText()).isEqualTo(Version.current());
        JsonNode results = sarif.path("runs").path(0).path("results");
        assertThat(texts(driver.path("rules"), "id"))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(new LinkedHashSet<>(texts(results, "ruleId")));
        assertThat(results).hasSize(4 + 49).allSatisfy(CheckCommandTest::assertLocatedResult);
        assertThat(result(results, "WILDCARD_ONLY_ACTION_SCOPED"))
                .isEqualTo(new SarifResult("error", DOCS_POLICY, 63, 13));
        assertThat(result(results, "CATALOG_CASE")).isEqualTo(new SarifResult("warning", DOCS_POLICY, 21, 13));
        assertThat(result(results, "UNSAFE_RESOURCE_WILDCARD"))
                .isEqualTo(new SarifResult("warning", DOCS_POLICY, 29, 13));
        List<JsonNode> missing = stream(results)
                .filter(r -> r.path("ruleId").asText().equals("MISSING_PERMISSION"))
                .toList();
        assertThat(missing)
                .hasSize(49)
                .allSatisfy(r -> assertThat(r.path("level").asText()).isEqualTo("error"));
        assertThat(missing)
                .extracting(r -> r.path("message").path("text").asText())
                .contains("tags: lakeformation:GetResourceLFTags is implicitDeny on *"
                        + " (no identity-based policy allows the action)");
    }

    @Test
    void check_formatSarifMissingWithoutFindings_anchorsEveryResultAtFirstPolicy() throws IOException {
        Path policy = generate(METADATA_SALES);
        Path second = write("list-workgroups.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "athena:ListWorkGroups", "Resource": "*"}]}
                """);

        var run = check(
                CliRun.with(METADATA_SALES, "--features", "metadata,usage"),
                "--policy",
                policy.toString(),
                "--policy",
                second.toString(),
                "--format",
                "sarif");

        JsonNode results = JSON.readTree(run.out()).path("runs").path(0).path("results");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(texts(results, "ruleId")).containsExactly("MISSING_PERMISSION", "MISSING_PERMISSION");
        assertThat(results)
                .allSatisfy(result -> assertThat(SarifResult.of(result))
                        .isEqualTo(new SarifResult("error", policy.toString(), 1, 1)));
    }

    @Test
    void check_formatSarifSuggestion_isNote() throws IOException {
        Path complete = generate(METADATA_SALES);
        Path unchecked = write("redundant.json", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "athena:GetQueryExecution", "Resource": ["arn:aws:athena:eu-west-1:123456789012:workgroup/metadata", "arn:aws:athena:eu-west-1:123456789012:workgroup/meta*"]}}
                """);

        var run = check(
                METADATA_SALES, "--policy", complete.toString(), "--policy", unchecked.toString(), "--format", "sarif");

        JsonNode run0 = JSON.readTree(run.out()).path("runs").path(0);
        assertThat(run.exitCode()).isZero();
        assertThat(run0.path("tool").path("driver").path("rules").path(0).path("defaultConfiguration"))
                .isEqualTo(JSON.readTree("{\"level\": \"note\"}"));
        assertThat(run0.path("results")).hasSize(1);
        assertThat(result(run0.path("results"), "REDUNDANT_RESOURCE"))
                .isEqualTo(new SarifResult("note", unchecked.toString(), 1, 111));
    }

    @Test
    void check_formatSarifOwnPolicy_hasNoRulesAndNoResults() throws IOException {
        Path policy = generate(METADATA_SALES);

        var run = check(METADATA_SALES, "--policy", policy.toString(), "--format", "sarif");

        JsonNode run0 = JSON.readTree(run.out()).path("runs").path(0);
        assertThat(run.exitCode()).isZero();
        assertThat(run0.path("tool").path("driver").path("rules").isArray()).isTrue();
        assertThat(run0.path("tool").path("driver").path("rules")).isEmpty();
        assertThat(run0.path("results").isArray()).isTrue();
        assertThat(run0.path("results")).isEmpty();
    }

    /** What a SARIF result says about one finding: level and where. */
    record SarifResult(String level, String uri, int startLine, int startColumn) {

        static SarifResult of(JsonNode result) {
            JsonNode location = result.path("locations").path(0).path("physicalLocation");
            return new SarifResult(
                    result.path("level").asText(),
                    location.path("artifactLocation").path("uri").asText(),
                    location.path("region").path("startLine").intValue(),
                    location.path("region").path("startColumn").intValue());
        }
    }

    private static SarifResult result(JsonNode results, String ruleId) {
        List<JsonNode> matching = stream(results)
                .filter(r -> r.path("ruleId").asText().equals(ruleId))
                .toList();
        assertThat(matching).as("results with ruleId %s", ruleId).hasSize(1);
        return SarifResult.of(matching.get(0));
    }

    private static void assertLocatedResult(JsonNode result) {
        SarifResult located = SarifResult.of(result);
        assertThat(located.level()).isIn("error", "warning", "note");
        assertThat(result.path("message").path("text").asText()).isNotBlank();
        assertThat(located.uri()).isNotBlank();
        assertThat(located.startLine()).isPositive();
        assertThat(located.startColumn()).isPositive();
    }

    // ---- --out ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif"})
    void check_outWithFindings_writesReportToFileAndExitsOne(String format) throws IOException {
        Path report = dir.resolve("report." + format);
        var toStdout = CliRun.of(args(DOCS_CHECK, "--format", format));

        var run = CliRun.of(args(DOCS_CHECK, "--format", format, "--out", report.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).isEqualTo(toStdout.out());
    }

    @Test
    void check_outPassing_writesReportToFileAndExitsZero() throws IOException {
        Path policy = generate(METADATA_SALES);
        Path report = dir.resolve("report.txt");

        var run = check(METADATA_SALES, "--policy", policy.toString(), "--out", report.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).containsPattern(CLEAN_PASS);
    }

    // ---- bad input ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void check_badInput_exitsWithUsageErrorAndMessageWithoutStackTrace(String name, String[] more, String err) {
        var run = CliRun.of(args(new String[] {"check"}, more));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(err);
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    static Stream<Arguments> badInputs() {
        String[] docs = {"--policy", DOCS_POLICY};
        String tryHelp = "Try 'leastpriv check --help' for more information.\n";
        return Stream.of(
                Arguments.of(
                        "missing --policy", METADATA_SALES, "Missing required option: '--policy=FILE'\n" + tryHelp),
                Arguments.of(
                        "--policy does not exist",
                        args(METADATA_SALES, "--policy", "no-such-policy.json"),
                        "leastpriv check: error: --policy file \"no-such-policy.json\" does not exist\n"),
                Arguments.of(
                        "--boundary does not exist",
                        args(args(METADATA_SALES, docs), "--boundary", "no-such-boundary.json"),
                        "leastpriv check: error: --boundary file \"no-such-boundary.json\" does not exist\n"),
                Arguments.of(
                        "--placeholders",
                        args(docs, "--placeholders"),
                        // check has no --placeholders; a config file asking for them is rejected below.
                        "Unknown option: '--placeholders'\nTry 'leastpriv check --help' for more information.\n"),
                Arguments.of(
                        "--region nowhere",
                        args(CliRun.with(METADATA_SALES, "--region", "nowhere"), docs),
                        "leastpriv check: error: Invalid region \"nowhere\": expected an AWS region such as"
                                + " \"us-east-1\", \"eu-west-1\", \"cn-north-1\" or \"us-gov-west-1\"\n"),
                Arguments.of(
                        "--account 12",
                        args(CliRun.with(METADATA_SALES, "--account", "12"), docs),
                        "leastpriv check: error: Invalid account id \"12\": expected exactly 12 digits\n"),
                Arguments.of(
                        "--features bogus",
                        args(CliRun.with(METADATA_SALES, "--features", "bogus"), docs),
                        "leastpriv check: error: features \"bogus\" is not valid: expected one of metadata, usage,"
                                + " lineage, profiler, sample-data, query, tags, federated-query, partition-profiling,"
                                + " models\n"),
                Arguments.of(
                        "a connection flag but no region",
                        args(docs, "--connector", "openmetadata"),
                        "leastpriv check: error: region is required, e.g. \"eu-west-1\" (or render a documentation"
                                + " template with placeholders)\n"),
                Arguments.of(
                        "--config does not exist",
                        args(docs, "--config", "no-such-config.yaml"),
                        "leastpriv check: error: --config file \"no-such-config.yaml\" does not exist\n"),
                Arguments.of(
                        "--format xml",
                        args(args(METADATA_SALES, docs), "--format", "xml"),
                        "Invalid value for option '--format': expected one of [text, json, sarif] (case-insensitive)"
                                + " but was 'xml'\n" + tryHelp));
    }

    @Test
    void check_placeholdersInConfigFile_exitsWithUsageError() throws IOException {
        Path config = write("template.yaml", "connector: openmetadata\nplaceholders: true\n");

        var run = CliRun.of("check", "--policy", DOCS_POLICY, "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo(
                        "leastpriv check: error: check needs real values: placeholders are a documentation template and"
                                + " cannot be allowed or denied; leave placeholders out and give the region, account,"
                                + " databases and results\n");
    }

    // ---- help -----------------------------------------------------------------------------------------------

    @Test
    void execute_topLevelHelp_listsCheck() {
        var run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines())
                .contains("  check         Check policies offline against what a connector needs, or lint");
    }

    @Test
    void check_help_printsOptionsAndExitsZero() {
        var run = CliRun.of("check", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: leastpriv check [-hV] ")
                .contains(
                        "Check policies offline against what a connector needs, or lint them alone.",
                        "      --policy=FILE         Identity policy, repeatable; a directory written by",
                        "                              generate --out DIR stands for its policy set.",
                        "      --boundary=FILE       Permissions boundary of the role.",
                        "      --format=<format>     Output: text, json, sarif (default: text).",
                        "      --out=FILE            Write the report to FILE instead of stdout.");
        assertThat(run.err()).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Runs {@code check} with the connection and the further arguments. */
    private static CliRun check(String[] connection, String... more) {
        return CliRun.of(args(args(new String[] {"check"}, connection), more));
    }

    /** Generates the policy for the connection into the temporary directory. */
    private Path generate(String... connection) {
        Path policy = dir.resolve("generated.json");
        var run = CliRun.of(args(args(new String[] {"generate"}, connection), "--out", policy.toString()));
        assertThat(run.exitCode())
                .as("generate %s: %s", String.join(" ", connection), run.err())
                .isZero();
        return policy;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        return stream(array).map(node -> node.path(field).asText()).toList();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
