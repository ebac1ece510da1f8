package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leastpriv.validator.MotoServer;
import dev.leastpriv.validator.ProbeEndpoint;
import dev.leastpriv.validator.ProbeEndpoint.Fault;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code leastpriv preflight --mode probe} end to end: every AWS call (STS, Athena, Glue, S3) goes to the in-test
 * probe endpoint in front of the emulator, found the standard way ({@code aws.endpointUrl}).
 */
class PreflightProbeTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/probe";
    private static final String[] CONNECTION = {
        "preflight",
        "--mode",
        "probe",
        "--region",
        "us-east-1",
        "--account",
        "123456789012",
        "--workgroup",
        "wg",
        "--database",
        "sales",
        "--results",
        "s3://probe-results/om/",
        "--features",
        "metadata",
        "--role-arn",
        ROLE
    };

    private static MotoServer moto;
    private static ProbeEndpoint endpoint;
    private final SdkProperties sdk = new SdkProperties();

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        endpoint = ProbeEndpoint.start(moto);
        try (GlueClient glue = moto.glue(MotoServer.ADMIN);
                S3Client s3 = moto.s3(MotoServer.ADMIN);
                AthenaClient athena = moto.athena(MotoServer.ADMIN)) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("sales")));
            glue.createTable(r -> r.databaseName("sales")
                    .tableInput(t -> t.name("orders")
                            .storageDescriptor(s -> s.columns(
                                    Column.builder().name("id").type("bigint").build()))));
            s3.createBucket(r -> r.bucket("probe-results"));
            athena.createWorkGroup(r -> r.name("wg"));
        }
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        moto.close();
    }

    @AfterEach
    void restore() {
        endpoint.reset();
        sdk.restore();
    }

    private CliRun probe(String... more) {
        sdk.pointAt(endpoint.endpoint().toString());
        return CliRun.of(CliRun.args(CONNECTION, more));
    }

    @Test
    void everyCallSucceeds_exitsZeroWithoutAQuery() {
        CliRun run = probe();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .startsWith("Probe of arn:aws:sts::123456789012:assumed-role/probe/leastpriv-probe (a session of the"
                        + " role, probe mode)\n")
                .contains("  ok         glue:GetTables")
                .contains("SKIPPED    athena:StartQueryExecution")
                .contains("PASS: ");
        assertThat(endpoint.operations())
                .startsWith("AssumeRole")
                .contains("ListTableMetadata", "GetTableMetadata", "GetTables", "GetTable", "s3:ListObjectsV2")
                .doesNotContain("StartQueryExecution");
    }

    @Test
    void allowQuery_runsSelectOneInTheWorkgroupWithTheSessionDatabase() {
        CliRun run = probe("--allow-query");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(endpoint.calls().stream()
                        .filter(c -> c.operation().equals("StartQueryExecution"))
                        .map(ProbeEndpoint.Call::body))
                .singleElement()
                .asString()
                .contains("\"QueryString\":\"SELECT 1\"")
                .contains("\"WorkGroup\":\"wg\"")
                // OpenMetadata names no session database: PyAthena sends "default"
                .contains("\"QueryExecutionContext\":{\"Database\":\"default\"}");
        assertThat(run.out()).contains("query allowed").contains("ok         athena:GetQueryResults");
    }

    @Test
    void allowQueryWithoutProbeMode_isBadUsage() {
        sdk.pointAt(endpoint.endpoint().toString());
        CliRun run = CliRun.of(CliRun.with(CliRun.args(CONNECTION, "--allow-query"), "--mode", "simulate"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--allow-query runs a query in the live probe: it needs --mode probe");
        assertThat(endpoint.calls()).isEmpty();
    }

    @Test
    void probeWithDiscoverOrTrustFlags_isBadUsage() {
        sdk.pointAt(endpoint.endpoint().toString());
        CliRun discover = CliRun.of(CliRun.args(CONNECTION, "--discover"));
        CliRun trust = CliRun.of(CliRun.args(CONNECTION, "--trusted-account", "210987654321"));

        assertThat(discover.exitCode()).isEqualTo(2);
        assertThat(trust.exitCode()).isEqualTo(2);
        assertThat(trust.err()).contains("belong to --mode simulate or fetch");
        assertThat(endpoint.calls()).isEmpty();
    }

    @Test
    void roleArnNotARole_isBadInput() {
        sdk.pointAt(endpoint.endpoint().toString());
        CliRun run = CliRun.of(CliRun.with(CONNECTION, "--role-arn", "arn:aws:iam::123456789012:user/alice\n"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("role-arn \"arn:aws:iam::123456789012:user/alice\\u000A\" is not valid");
        assertThat(endpoint.calls()).isEmpty();
    }

    @Test
    void deniedCall_exitsOneAndTheJsonCarriesWhatExplainNeeds() throws Exception {
        endpoint.fail("GetTables", Fault.ACCESS_DENIED);

        CliRun run = probe("--format", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("outcome").asText()).isEqualTo("fail");
        assertThat(report.path("principal").asText())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/probe/leastpriv-probe");
        JsonNode denied = null;
        for (JsonNode call : report.path("calls")) {
            if (call.path("outcome").asText().equals("denied")) {
                denied = call;
            }
        }
        assertThat(denied).isNotNull();
        assertThat(denied.path("action").asText()).isEqualTo("glue:GetTables");
        assertThat(denied.path("errorCode").asText()).isEqualTo("AccessDeniedException");
        assertThat(denied.path("errorMessage").asText()).contains("is not authorized to perform: glue:GetTables");
        assertThat(denied.path("resources").get(1).asText())
                .isEqualTo("arn:aws:glue:us-east-1:123456789012:database/sales");
        assertThat(denied.path("features").get(0).asText()).isEqualTo("metadata");
        assertThat(denied.path("requirements").get(0).path("sid").asText()).isEqualTo("GlueTables");
        // explain's reading of AWS's message, with the statement to add
        assertThat(denied.path("explanation").path("outcome").asText()).isEqualTo("grant");
        assertThat(denied.path("explanation").path("fixLocation").asText()).isEqualTo("identity-policy");
        assertThat(denied.path("explanation")
                        .path("statements")
                        .path("Statement")
                        .get(0)
                        .path("Action")
                        .get(0)
                        .asText())
                .isEqualTo("glue:GetTables");
    }

    @Test
    void readme_probeExample_isTheRealOutput() throws Exception {
        // The README pastes the text report of this run (glue:GetTables denied): it must stay true.
        String pasted = ReadmeExample.textAfter("test emulator, `PreflightProbeTest`, with `glue:GetTables` denied");
        endpoint.fail("GetTables", Fault.ACCESS_DENIED);

        CliRun run = probe();

        assertThat(run.exitCode()).isEqualTo(1);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("target", "probe-readme-example.txt"), run.out(), StandardCharsets.UTF_8);
        }
        assertThat(run.out()).isEqualTo(pasted);
    }

    @Test
    void deniedMessage_isEscapedInText() {
        endpoint.fail("GetTables", Fault.ACCESS_DENIED, "denied\n::error::forged\u001b[31m");

        CliRun run = probe();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .doesNotContain("\n::error::")
                .doesNotContain("\u001b")
                .contains("AWS said: AccessDeniedException: denied\\u000A::error::forged\\u001B[31m")
                .contains("needed by metadata (GlueTables)")
                .contains("      GRANT (the role's identity-based policy): add the statements below")
                .contains("      statements to add:")
                .contains("FAIL: ");
    }

    @Test
    void throttledToExhaustion_couldNotRun() {
        endpoint.fail("GetDatabases", Fault.THROTTLING);

        CliRun run = probe("--format", "junit");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(3);
        assertThat(endpoint.operations().stream().filter("GetDatabases"::equals).count())
                .isEqualTo(AwsClients.MAX_ATTEMPTS);
        assertThat(run.out()).contains("<error type=\"throttled\"");
    }

    @Test
    void namedDatabaseAbsent_isAFinding() throws Exception {
        CliRun run = probe("--database", "missing", "--format", "junit");

        assertThat(run.exitCode()).isEqualTo(1);
        Document junit = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(run.out())));
        assertThat(junit.getElementsByTagName("failure").getLength()).isGreaterThanOrEqualTo(1);
        assertThat(run.out()).contains("type=\"not-found\"");
    }

    @Test
    void withoutRoleArn_probesAsTheCaller() {
        sdk.pointAt(endpoint.endpoint().toString());
        CliRun run = CliRun.of(CliRun.without(CONNECTION, "--role-arn"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("(the caller's credentials, probe mode)");
        assertThat(endpoint.operations()).startsWith("GetCallerIdentity").doesNotContain("AssumeRole");
    }

    @Test
    void assumeRoleDenied_couldNotRun() {
        endpoint.fail("AssumeRole", Fault.ACCESS_DENIED);

        CliRun run = probe("--external-id", "ext-1234");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("sts:AssumeRole on " + ROLE + " failed: access denied");
        assertThat(endpoint.calls().get(0).body()).contains("ExternalId=ext-1234");
    }
}
