package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leastpriv.core.Policy;
import dev.leastpriv.validator.IamEndpoint;
import dev.leastpriv.validator.MotoServer;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code leastpriv preflight} end to end against the AWS emulator: credentials and endpoint reach the SDK the
 * standard way (the {@code aws.accessKeyId}, {@code aws.secretAccessKey} and {@code aws.endpointUrl} system
 * properties, which mirror the AWS_* environment variables).
 */
class PreflightCommandTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String[] CONNECTION = {
        "--region",
        "us-east-1",
        "--account",
        "123456789012",
        "--workgroup",
        "metadata",
        "--database",
        "sales",
        "--results",
        "s3://athena-results-123456789012/openmetadata/",
        "--features",
        "metadata,usage"
    };

    private static EmulatedIam aws;
    private static MotoServer moto;
    private static IamClient iam;
    private static IamEndpoint simulator;
    private final SdkProperties sdk = new SdkProperties();

    @BeforeAll
    static void start() {
        aws = EmulatedIam.start();
        moto = aws.moto;
        iam = aws.iam;
        simulator = aws.simulator;
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @AfterEach
    void restore() {
        simulator.reset();
        sdk.restore();
    }

    private void pointAtSimulator() {
        aws.pointAt(sdk);
    }

    private static String role(String name, Policy policy) {
        String arn = iam.createRole(r -> r.roleName(name).path("/connectors/").assumeRolePolicyDocument(TRUST))
                .role()
                .arn();
        iam.putRolePolicy(r -> r.roleName(name).policyName("connector").policyDocument(policy.toCompactJson()));
        return arn;
    }

    private static Policy rendered() {
        CliRun run = CliRun.of(CliRun.args(new String[] {"generate"}, CONNECTION));
        return Policy.fromJson(run.out());
    }

    private static String[] preflight(String... more) {
        return CliRun.args(CliRun.args(new String[] {"preflight"}, CONNECTION), more);
    }

    @Test
    void preflight_fetchMode_roleWithTheGeneratedPolicy_passes() {
        sdk.pointAt(moto.endpoint().toString());
        String arn = role("complete", rendered());

        CliRun run = CliRun.of(preflight("--mode", "fetch", "--role-arn", "arn:aws:iam::123456789012:role/complete"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Preflight of " + arn + " (fetch mode)\n")
                .doesNotContain("MISSING");
        assertThat(run.out()).containsPattern("PASS: (\\d+) of \\1 requirements pass\n$");
        assertThat(run.err()).contains("leastpriv: reading the policies of " + arn);
    }

    @Test
    void preflight_simulateMode_roleWithTheGeneratedPolicy_passes() {
        pointAtSimulator();
        String arn = role("simulated", rendered());

        CliRun run = CliRun.of(preflight("--role-arn", "arn:aws:iam::123456789012:role/simulated"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Preflight of " + arn + " (simulate mode)\n");
        assertThat(run.out()).containsPattern("PASS: (\\d+) of \\1 requirements pass\n$");
        assertThat(run.err()).contains("leastpriv: simulating ");
        assertThat(simulator.simulateRequests()).isPositive();
    }

    private static Policy withoutListQueryExecutions() {
        return Policy.of(rendered().statements().stream()
                .map(s -> "AthenaQueryHistory".equals(s.sid())
                        ? s.toBuilder()
                                .actions(s.actions().stream()
                                        .filter(a -> !a.name().equals("ListQueryExecutions"))
                                        .toList())
                                .build()
                        : s)
                .toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fetch", "simulate"})
    void preflight_statementMissing_exitsOneAndPrintsTheFix(String mode) {
        pointAtSimulator();
        role("nohistory-" + mode, withoutListQueryExecutions());

        CliRun run =
                CliRun.of(preflight("--mode", mode, "--role-arn", "arn:aws:iam::123456789012:role/nohistory-" + mode));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern("\n  MISSING +usage  athena:ListQueryExecutions on "
                        + "arn:aws:athena:us-east-1:123456789012:workgroup/metadata: ")
                .contains("Add these statements to the role to fix what is missing:\n")
                .contains("\"Sid\": \"AthenaQueryHistory\"")
                .contains("\"athena:ListQueryExecutions\"")
                .containsPattern("FAIL: \\d+ of \\d+ requirements pass, 1 missing\n$");
    }

    @Test
    void preflight_jsonFormat_givesEveryResourceAndTheFix() throws Exception {
        pointAtSimulator();
        role("json", withoutListQueryExecutions());

        CliRun run = CliRun.of(preflight("--format", "json", "--role-arn", "arn:aws:iam::123456789012:role/json"));

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("outcome").asText()).isEqualTo("fail");
        assertThat(report.get("mode").asText()).isEqualTo("simulate");
        assertThat(report.get("simulationRequests").asInt()).isEqualTo(simulator.simulateRequests());
        List<JsonNode> missing = new ArrayList<>();
        report.get("requirements").forEach(r -> {
            if (!r.get("verdict").asText().equals("pass")) {
                missing.add(r);
            }
        });
        assertThat(missing).singleElement().satisfies(r -> {
            assertThat(r.get("action").asText()).isEqualTo("athena:ListQueryExecutions");
            assertThat(r.get("verdict").asText()).isEqualTo("missing");
            assertThat(r.get("resources").get(0).get("decision").asText()).isEqualTo("implicitDeny");
        });
        assertThat(Policy.fromJson(report.get("fix").toString()).statements())
                .singleElement()
                .satisfies(s -> assertThat(s.actions().toString()).contains("athena:ListQueryExecutions"));
    }

    @Test
    void preflight_junitFormat_oneTestCasePerRequirementWithFailures() throws Exception {
        pointAtSimulator();
        role("junit", withoutListQueryExecutions());

        CliRun run = CliRun.of(preflight("--format", "junit", "--role-arn", "arn:aws:iam::123456789012:role/junit"));

        assertThat(run.exitCode()).isEqualTo(1);
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(run.out())));
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        int cases = xml.getElementsByTagName("testcase").getLength();
        assertThat(cases).isGreaterThan(5).isEqualTo(Integer.parseInt(suite.getAttribute("tests")));
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("missing");
        assertThat(((Element) failure.getParentNode()).getAttribute("name"))
                .startsWith("athena:ListQueryExecutions on ");
    }

    @Test
    void preflight_trustWithoutExternalId_isAFinding() {
        pointAtSimulator();
        role("trusting", rendered()); // trusts its own account's root, with no external id

        CliRun run = CliRun.of(preflight(
                "--role-arn",
                "arn:aws:iam::123456789012:role/trusting",
                "--trusted-account",
                "123456789012",
                "--external-id",
                "omni-7f3a"));

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .contains("Trust policy (sts:AssumeRole)\n")
                .containsPattern("  WRONG +the SaaS principal arn:aws:iam::123456789012:role/leastpriv-trust-probe"
                        + " without an external id: allowed, must be denied")
                .containsPattern("FAIL: (\\d+) of \\1 requirements pass, 2 trust probes wrong\n$");
    }

    @Test
    void preflight_conditionOnUnknownKey_isInconclusive() {
        pointAtSimulator();
        role(
                "conditional",
                Policy.fromJson(rendered()
                        .toCompactJson()
                        .replace(
                                "\"Sid\":\"AthenaQueryHistory\",\"Effect\":\"Allow\",",
                                "\"Sid\":\"AthenaQueryHistory\",\"Effect\":\"Allow\",\"Condition\":{\"IpAddress\":"
                                        + "{\"aws:SourceIp\":\"10.0.0.0/8\"}},")));

        CliRun run = CliRun.of(preflight("--role-arn", "arn:aws:iam::123456789012:role/conditional"));

        assertThat(run.exitCode()).as(run.out()).isEqualTo(3);
        assertThat(run.out())
                .containsPattern("\n  UNKNOWN +usage  athena:ListQueryExecutions on .*aws:SourceIp")
                .containsPattern("INCONCLUSIVE: \\d+ of \\d+ requirements pass, \\d+ unknown\n$")
                .doesNotContain("Add these statements");
    }

    @ParameterizedTest
    @EnumSource(
            value = IamEndpoint.Fault.class,
            names = {"THROTTLING", "INTERNAL_ERROR", "TIMEOUT", "MALFORMED_BODY", "ACCESS_DENIED", "EXPIRED_TOKEN"})
    void preflight_simulatorFault_couldNotRunWithAClearMessage(IamEndpoint.Fault fault) {
        pointAtSimulator();
        role("fault-" + fault.name().toLowerCase(java.util.Locale.ROOT), rendered());
        simulator.faults((n, continuation) -> fault);

        CliRun run = CliRun.of(preflight(
                "--timeout",
                "1",
                "--role-arn",
                "arn:aws:iam::123456789012:role/fault-" + fault.name().toLowerCase(java.util.Locale.ROOT)));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        String expected = switch (fault) {
            case THROTTLING -> "throttled: Throttling (HTTP 400): Rate exceeded; retries ran out";
            case INTERNAL_ERROR -> "AWS had an internal error: ServiceFailure (HTTP 500)";
            case TIMEOUT -> "timed out";
            case MALFORMED_BODY -> "iam:SimulatePrincipalPolicy failed: ";
            case ACCESS_DENIED -> "or use --mode fetch";
            case EXPIRED_TOKEN -> "the credentials have expired";
            default -> throw new AssertionError(fault);
        };
        assertThat(run.err())
                .contains("leastpriv preflight: could not run: iam:SimulatePrincipalPolicy failed: ")
                .contains(expected)
                .doesNotContain("\tat ");
        // Denials, expired credentials and a body that cannot be read are not retried; the rest get all 4 attempts.
        int attempts = switch (fault) {
            case ACCESS_DENIED, EXPIRED_TOKEN, MALFORMED_BODY -> 1;
            default -> 4;
        };
        assertThat(simulator.simulateRequests()).isEqualTo(attempts);
    }

    @Test
    void preflight_pageFailingMidway_couldNotRun() {
        pointAtSimulator();
        role("midpage", rendered());
        simulator
                .pageSize(2)
                .faults((n, continuation) -> continuation ? IamEndpoint.Fault.INTERNAL_ERROR : IamEndpoint.Fault.NONE);

        CliRun run = CliRun.of(preflight("--role-arn", "arn:aws:iam::123456789012:role/midpage"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("could not run: iam:SimulatePrincipalPolicy failed: AWS had an internal error");
    }

    @Test
    void preflight_unreachableEndpoint_couldNotRun() {
        sdk.pointAt("http://127.0.0.1:1");

        CliRun run = CliRun.of(preflight("--role-arn", "arn:aws:iam::123456789012:role/complete"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("leastpriv preflight: could not run: ").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void preflight_roleArnThatIsNotARole_isBadInput() {
        sdk.pointAt(moto.endpoint().toString());

        CliRun run = CliRun.of(preflight("--role-arn", "arn:aws:iam::123456789012:user/alice"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("leastpriv preflight: error: role-arn \"arn:aws:iam::123456789012:user/alice\"")
                .doesNotContain("\tat ");
    }

    @Test
    void preflight_templateConfig_isBadInputNotAnInternalError(@TempDir Path dir) throws Exception {
        // A config file that renders the documentation template has no region, account or results to check.
        Path config = dir.resolve("template.yaml");
        Files.writeString(config, "connector: openmetadata\nplaceholders: true\n");

        CliRun run = CliRun.of("preflight", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("leastpriv preflight: error: preflight needs real values: placeholders are a documentation"
                        + " template")
                .doesNotContain("internal error", "\tat ");
    }

    @Test
    void preflight_badTimeout_isBadUsage() {
        CliRun run = CliRun.of(preflight("--timeout", "0"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--timeout \"0\" is not valid: expected 1 to 600 seconds");
    }

    @Test
    void preflight_discover_followsTheAccountAndPassesARoleScopedToWhatItFound() {
        pointAtSimulator();
        try (AthenaClient athena = moto.athena(MotoServer.ADMIN);
                GlueClient glue = moto.glue(MotoServer.ADMIN);
                S3Client s3 = moto.s3(MotoServer.ADMIN)) {
            // The workgroup enforces its own results location (A8), and the catalog holds two databases.
            athena.createWorkGroup(r -> r.name("discovered")
                    .configuration(c -> c.enforceWorkGroupConfiguration(true)
                            .resultConfiguration(o -> o.outputLocation("s3://enforced-results-123456789012/athena/"))));
            s3.createBucket(r -> r.bucket("enforced-results-123456789012"));
            glue.createDatabase(r -> r.databaseInput(d -> d.name("finance")));
            glue.createDatabase(r -> r.databaseInput(d -> d.name("hr")));
        }
        try {
            discoverFollowsTheAccount();
        } finally {
            // OpenMetadata reads every enabled workgroup: left behind, it would be one more to grant in later tests.
            deleteWorkgroups("discovered");
        }
    }

    private static void deleteWorkgroups(String... names) {
        try (AthenaClient athena = moto.athena(MotoServer.ADMIN)) {
            for (String name : names) {
                athena.deleteWorkGroup(r -> r.workGroup(name));
            }
        }
    }

    private void discoverFollowsTheAccount() {
        String[] scoped = {
            "--region",
            "us-east-1",
            "--account",
            "123456789012",
            "--workgroup",
            "discovered",
            "--database",
            "finance,hr",
            "--results",
            "s3://enforced-results-123456789012/athena/",
            "--features",
            "metadata,usage"
        };
        role(
                "discovered",
                Policy.fromJson(CliRun.of(CliRun.args(new String[] {"generate"}, scoped))
                        .out()));
        String[] asConfigured = CliRun.with(
                CliRun.with(CliRun.with(CONNECTION, "--workgroup", "discovered"), "--database", "*"),
                "--results",
                "s3://configured-results-123456789012/athena/");

        CliRun without = CliRun.of(CliRun.args(
                CliRun.args(new String[] {"preflight"}, asConfigured),
                "--role-arn",
                "arn:aws:iam::123456789012:role/discovered"));
        CliRun with = CliRun.of(CliRun.args(
                CliRun.args(new String[] {"preflight"}, asConfigured),
                "--discover",
                "--role-arn",
                "arn:aws:iam::123456789012:role/discovered"));

        assertThat(without.exitCode())
                .as("all databases and the configured bucket are not granted")
                .isEqualTo(1);
        assertThat(with.exitCode()).as(with.out() + with.err()).isZero();
        assertThat(with.out())
                .contains("Discovered (complete)\n")
                .contains("enforced-results-123456789012")
                .containsPattern("PASS: (\\d+) of \\1 requirements pass\n$");
        assertThat(with.err()).contains("leastpriv: discovering the workgroup");
    }

    @Test
    void preflight_discover_missingWorkgroupIsAFinding() {
        pointAtSimulator();
        role("noworkgroup", rendered());

        CliRun run = CliRun.of(CliRun.args(
                CliRun.args(new String[] {"preflight"}, CliRun.with(CONNECTION, "--workgroup", "absent")),
                "--discover",
                "--format",
                "json",
                "--role-arn",
                "arn:aws:iam::123456789012:role/noworkgroup"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("\"level\": \"error\"").contains("\"call\": \"athena:GetWorkGroup\"");
    }

    @Test
    void preflight_discover_enabledWorkgroupsTheConfigDoesNotName_checkedAndReported() throws Exception {
        pointAtSimulator();
        String[] connection = {
            "--region",
            "us-east-1",
            "--account",
            "123456789012",
            "--workgroup",
            "history",
            "--database",
            "sales",
            "--results",
            "s3://history-results-123456789012/om/",
            "--features",
            "metadata,usage"
        };
        try (AthenaClient athena = moto.athena(MotoServer.ADMIN);
                S3Client s3 = moto.s3(MotoServer.ADMIN)) {
            s3.createBucket(r -> r.bucket("history-results-123456789012"));
            // moto lists primary too; it cannot disable a workgroup (no UpdateWorkGroup), so the validator's
            // WorkgroupDiscoveryTest serves a DISABLED one.
            for (String name : List.of("history", "etl", "reporting")) {
                athena.createWorkGroup(r -> r.name(name));
            }
        }
        try {
            role("history-configured", generated(connection));
            role("history-named", generated(CliRun.args(connection, "--history-workgroup", "etl,reporting")));
            role("history-all", generated(CliRun.args(connection, "--history-workgroup", "*")));

            CliRun text = CliRun.of(discover(connection, "history-configured"));
            CliRun json = CliRun.of(CliRun.args(discover(connection, "history-configured"), "--format", "json"));
            CliRun granted = CliRun.of(discover(connection, "history-named"));
            CliRun named = CliRun.of(
                    discover(CliRun.args(connection, "--history-workgroup", "etl,reporting"), "history-named"));
            CliRun all = CliRun.of(CliRun.args(
                    discover(CliRun.args(connection, "--history-workgroup", "*"), "history-all"), "--format", "json"));

            // The role lacks the history of two workgroups OpenMetadata reads: checked, missing, exit 1.
            assertThat(text.exitCode()).as(text.out() + text.err()).isEqualTo(1);
            for (String workgroup : List.of("etl", "reporting")) {
                assertThat(text.out())
                        .containsPattern("\n  WARNING +athena:ListWorkGroups  workgroup \"" + workgroup + "\" is"
                                + " enabled and the connector reads the query history of every enabled workgroup,"
                                + " but the configured history workgroups do not name it: checked too; add it as a"
                                + " history-workgroup so the generated policy grants it")
                        // The fix grants it.
                        .contains("\"arn:aws:athena:us-east-1:123456789012:workgroup/" + workgroup + "\"");
            }
            assertThat(text.out())
                    .containsPattern("\n  MISSING +usage  athena:ListQueryExecutions on "
                            + "arn:aws:athena:us-east-1:123456789012:workgroup/etl: implicitDeny")
                    .contains("Name them so generate grants them: --history-workgroup etl,reporting (config key"
                            + " history-workgroup)\n")
                    .containsPattern("FAIL: \\d+ of \\d+ requirements pass, 2 missing\n$");
            JsonNode report = new ObjectMapper().readTree(json.out());
            assertThat(json.exitCode()).isEqualTo(1);
            assertThat(report.get("discovery").get("uncoveredHistoryWorkgroups"))
                    .extracting(JsonNode::asText)
                    .containsExactly("etl", "reporting");
            List<String> messages = new ArrayList<>();
            report.get("discovery")
                    .get("findings")
                    .forEach(f -> messages.add(f.get("message").asText()));
            assertThat(messages)
                    .anySatisfy(m -> assertThat(m).startsWith("workgroup \"etl\" is enabled"))
                    .anySatisfy(m -> assertThat(m).startsWith("workgroup \"reporting\" is enabled"));

            // A role that grants them passes, and the configuration is still told to name them.
            assertThat(granted.exitCode()).as(granted.out() + granted.err()).isZero();
            assertThat(granted.out())
                    .contains("workgroup \"etl\" is enabled and the connector reads")
                    .contains("Name them so generate grants them: --history-workgroup etl,reporting");

            // Named in the configuration, they are granted and nothing is reported as uncovered.
            assertThat(named.exitCode()).as(named.out() + named.err()).isZero();
            assertThat(named.out())
                    .doesNotContain("is enabled and the connector reads")
                    .doesNotContain("Name them so generate grants them")
                    .contains("the policy grants the query history of every enabled workgroup: etl, history,"
                            + " primary, reporting");

            // "*" grants every workgroup: there is nothing to list or to report.
            assertThat(all.exitCode()).as(all.out() + all.err()).isZero();
            JsonNode allReport = new ObjectMapper().readTree(all.out());
            assertThat(allReport.get("discovery").get("uncoveredHistoryWorkgroups"))
                    .isEmpty();
            allReport
                    .get("discovery")
                    .get("findings")
                    .forEach(f -> assertThat(f.get("call").asText()).isNotEqualTo("athena:ListWorkGroups"));
        } finally {
            deleteWorkgroups("history", "etl", "reporting");
        }
    }

    private static Policy generated(String[] connection) {
        return Policy.fromJson(
                CliRun.of(CliRun.args(new String[] {"generate"}, connection)).out());
    }

    private static String[] discover(String[] connection, String role) {
        return CliRun.args(
                CliRun.args(new String[] {"preflight"}, connection),
                "--discover",
                "--role-arn",
                "arn:aws:iam::123456789012:role/" + role);
    }

    @Test
    void preflight_profileThatAssumesARoleWithExternalId_checksThatRoleWithoutRoleArn(@TempDir Path dir)
            throws Exception {
        pointAtSimulator();
        String arn = role("assumed", rendered());
        // A profile as users write it: assume the connector role with an external id, from base credentials.
        Path config = dir.resolve("config");
        Files.writeString(
                config,
                "[profile base]\naws_access_key_id = testing\naws_secret_access_key = testing\n\n"
                        + "[profile connector]\nrole_arn = " + arn + "\nexternal_id = omni-7f3a\n"
                        + "source_profile = base\nregion = us-east-1\n");
        sdk.set("aws.configFile", config.toString());
        sdk.set("aws.sharedCredentialsFile", dir.resolve("credentials").toString());
        sdk.clear("aws.accessKeyId");
        sdk.clear("aws.secretAccessKey");

        CliRun run = CliRun.of(preflight("--profile", "connector"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        // The session ARN lost the path; iam:GetRole found the role's real ARN.
        assertThat(run.out()).startsWith("Preflight of " + arn + " (simulate mode)\n");
        assertThat(arn).contains("/connectors/");
    }

    @Test
    void preflight_kmsAlias_isResolvedWithDiscoverAndRefusedWithout() throws Exception {
        pointAtSimulator();
        String keyArn;
        try (KmsClient kms = moto.kms(MotoServer.ADMIN)) {
            keyArn = kms.createKey(r -> r.description("results")).keyMetadata().arn();
            kms.createAlias(r -> r.aliasName("alias/athena-results").targetKeyId(keyArn));
        }
        String[] withKey = CliRun.args(CONNECTION, "--kms-key", keyArn);
        role(
                "keyed",
                Policy.fromJson(CliRun.of(CliRun.args(new String[] {"generate"}, withKey))
                        .out()));
        String[] withAlias = CliRun.args(
                new String[] {"preflight"},
                CliRun.args(
                        CONNECTION,
                        "--kms-key",
                        "alias/athena-results",
                        "--role-arn",
                        "arn:aws:iam::123456789012:role/keyed"));

        CliRun refused = CliRun.of(withAlias);
        CliRun resolved = CliRun.of(CliRun.args(withAlias, "--discover", "--format", "json"));

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("kms-key \"alias/athena-results\" is not valid");
        // The role grants the key by its ARN: every requirement passes once the alias is resolved. (Discovery
        // reports this test's workgroup and bucket as missing in the emulator, which is a finding, exit 1.)
        JsonNode report = new ObjectMapper().readTree(resolved.out());
        List<String> kmsResources = new ArrayList<>();
        report.get("requirements").forEach(r -> {
            assertThat(r.get("verdict").asText()).as(r.toString()).isEqualTo("pass");
            if (r.get("action").asText().startsWith("kms:")) {
                r.get("resources")
                        .forEach(resource ->
                                kmsResources.add(resource.get("resource").asText()));
            }
        });
        assertThat(kmsResources).isNotEmpty().containsOnly(keyArn);
        assertThat(resolved.exitCode()).isEqualTo(1);
    }
}
