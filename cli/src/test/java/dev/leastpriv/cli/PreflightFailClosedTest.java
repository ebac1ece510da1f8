package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.leastpriv.core.Policy;
import dev.leastpriv.validator.IamEndpoint;
import dev.leastpriv.validator.MotoServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code leastpriv preflight} fails closed: it never checks a namesake of the role asked for, and each way the AWS
 * side can fail (network, credentials, permissions, a missing role) ends in its own message and exit code, never a
 * pass. Real command, real SDK clients, the emulator (or a canned IAM endpoint for the errors it cannot give).
 */
class PreflightFailClosedTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String[] CONNECTION = {
        "preflight",
        "--region",
        "us-east-1",
        "--account",
        "123456789012",
        "--database",
        "sales",
        "--results",
        "s3://athena-results-123456789012/openmetadata/",
        "--features",
        "metadata"
    };
    static final String ADMIN_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

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
        // A role that would pass everything: checking it instead of the role asked for would be a false PASS.
        iam.createRole(r -> r.roleName("om-full").assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(r -> r.roleName("om-full").policyName("all").policyDocument(ADMIN_POLICY));
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

    private static CliRun preflight(String... more) {
        return CliRun.of(CliRun.args(CONNECTION, more));
    }

    @ParameterizedTest
    @CsvSource({
        "simulate, arn:aws:iam::999999999999:role/om-full",
        "fetch, arn:aws:iam::999999999999:role/om-full",
        "simulate, arn:aws-cn:iam::123456789012:role/om-full",
        "fetch, arn:aws-cn:iam::123456789012:role/om-full"
    })
    void preflight_roleOfAnotherAccountOrPartition_couldNotRunNamingBothArns(String mode, String asked) {
        pointAtSimulator();

        CliRun run = preflight("--mode", mode, "--role-arn", asked);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("leastpriv preflight: could not run: IAM answered for arn:aws:iam::123456789012:role/om-full"
                        + " when asked for " + asked)
                .contains("the caller's credentials are for another account")
                .doesNotContain("PASS", "\tat ");
        assertThat(simulator.simulateRequests()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "fetch"})
    void preflight_roleArnWithAnotherPath_isBadInputNamingTheRealArn(String mode) {
        pointAtSimulator();

        CliRun run = preflight("--mode", mode, "--role-arn", "arn:aws:iam::123456789012:role/wrongpath/om-full");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains(
                        "error: role-arn \"arn:aws:iam::123456789012:role/wrongpath/om-full\" does not exist: the role"
                                + " named \"om-full\" in account 123456789012 is arn:aws:iam::123456789012:role/om-full");
    }

    @Test
    void preflight_roleThatDoesNotExist_isBadInput() {
        pointAtSimulator();

        CliRun run = preflight("--role-arn", "arn:aws:iam::123456789012:role/absent");

        // The role named does not exist: the input is wrong (exit 2), as the README's exit-code table says.
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err())
                .contains("leastpriv preflight: error: Role \"absent\" (from arn:aws:iam::123456789012:role/absent)"
                        + " does not exist in the account the credentials belong to")
                .doesNotContain("the caller needs");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "InvalidClientTokenId|403|the credentials are not valid: InvalidClientTokenId (HTTP 403)",
                "SignatureDoesNotMatch|403|the credentials are not valid: SignatureDoesNotMatch (HTTP 403)",
                "ExpiredToken|403|the credentials have expired: ExpiredToken (HTTP 403)",
                "AccessDenied|403|access denied: AccessDenied (HTTP 403): not authorized (the caller needs iam:GetRole"
                        + " on the role)"
            })
    void preflight_iamRefusesTheCall_saysWhichKindOfFailure(String code, int status, String expected)
            throws IOException {
        HttpServer iamError = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        iamError.createContext("/", exchange -> {
            byte[] body = ("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender"
                            + "</Type><Code>" + code + "</Code><Message>not authorized</Message></Error><RequestId>r1"
                            + "</RequestId></ErrorResponse>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        iamError.start();
        try {
            sdk.pointAt(moto.endpoint().toString());
            sdk.set(
                    "aws.endpointUrlIam",
                    "http://127.0.0.1:" + iamError.getAddress().getPort());

            CliRun run = preflight("--role-arn", "arn:aws:iam::123456789012:role/om-full");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("leastpriv preflight: could not run: iam:GetRole failed: " + expected);
            if (!code.equals("AccessDenied")) {
                assertThat(run.err()).doesNotContain("the caller needs");
            }
        } finally {
            iamError.stop(0);
        }
    }

    @Test
    void preflight_closedPort_isANetworkFailure() {
        sdk.pointAt("http://127.0.0.1:1");

        CliRun run = preflight("--role-arn", "arn:aws:iam::123456789012:role/om-full");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("\nleastpriv preflight: could not run: iam:GetRole failed: network failure: cannot reach the"
                        + " AWS endpoint (ConnectException: ")
                .doesNotContain("the caller needs", "\tat ");
    }

    @Test
    void preflight_noCredentialsAnywhere_isOneLineHint(@TempDir Path dir) {
        sdk.pointAt(moto.endpoint().toString());
        sdk.clear("aws.accessKeyId");
        sdk.clear("aws.secretAccessKey");
        sdk.set("aws.configFile", dir.resolve("config").toString());
        sdk.set("aws.sharedCredentialsFile", dir.resolve("credentials").toString());
        sdk.set("aws.disableEc2Metadata", "true"); // tests never leave 127.0.0.1

        CliRun run = preflight("--role-arn", "arn:aws:iam::123456789012:role/om-full");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("\nleastpriv preflight: could not run: iam:GetRole failed: no AWS credentials found: set"
                        + " an AWS profile (AWS_PROFILE)")
                .doesNotContain("the caller needs", "SystemPropertyCredentialsProvider", "\tat ");
        // the progress line and one line of message, not the SDK's list of every credential provider
        assertThat(run.err().lines().count()).isEqualTo(2);
    }

    private static Policy generated() {
        return Policy.fromJson(CliRun.of(CliRun.args(
                        new String[] {"generate"}, java.util.Arrays.copyOfRange(CONNECTION, 1, CONNECTION.length)))
                .out());
    }

    private static void role(String name, String trust, Policy... policies) {
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust));
        for (int i = 0; i < policies.length; i++) {
            Policy policy = policies[i];
            String policyName = i == 0 ? "connector" : "extra-" + i;
            iam.putRolePolicy(r -> r.roleName(name).policyName(policyName).policyDocument(policy.toCompactJson()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "fetch"})
    void preflight_trustAnyoneWithTheExternalId_isWrongNamingWhoGetsIn(String mode) throws Exception {
        pointAtSimulator();
        role(
                "anyone-" + mode,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":"
                        + "\"omni-7f3a\"}}}]}",
                generated());
        String[] args = {
            "--mode",
            mode,
            "--role-arn",
            "arn:aws:iam::123456789012:role/anyone-" + mode,
            "--trusted-account",
            "210987654321",
            "--external-id",
            "omni-7f3a"
        };

        CliRun text = preflight(args);
        CliRun json = preflight(CliRun.args(args, "--format", "json"));

        assertThat(text.exitCode()).as(text.out() + text.err()).isEqualTo(1);
        assertThat(text.out())
                .contains("  WRONG                 an unrelated account's role"
                        + " arn:aws:iam::111111111111:role/leastpriv-trust-probe with the external id: allowed, must"
                        + " be denied")
                .contains("  WRONG                 an anonymous caller with the external id: allowed, must be denied")
                .containsPattern("FAIL: (\\d+) of \\1 requirements pass, 2 trust probes wrong\n$");
        List<String> offending = new ArrayList<>();
        new ObjectMapper().readTree(json.out()).get("trust").forEach(t -> {
            if (!t.get("ok").asBoolean()) {
                offending.add(t.get("principal").asText());
            }
        });
        assertThat(offending).containsExactly("arn:aws:iam::111111111111:role/leastpriv-trust-probe", "*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "fetch"})
    void preflight_administratorRole_failsOnTheExcessGrant(String mode) throws Exception {
        pointAtSimulator();
        String arn = "arn:aws:iam::123456789012:role/om-full";

        CliRun text = preflight("--mode", mode, "--role-arn", arn);
        CliRun json = preflight("--mode", mode, "--role-arn", arn, "--format", "json");
        CliRun junit = preflight("--mode", mode, "--role-arn", arn, "--format", "junit");

        // Every requirement passes, and the role can do anything: exit 1, never a PASS.
        assertThat(text.exitCode()).as(text.out() + text.err()).isEqualTo(1);
        assertThat(text.out())
                .contains("Grants far beyond what any connector needs (each fails the run)\n")
                .containsPattern("FAIL: (\\d+) of \\1 requirements pass, \\d+ excess grants?\n$");
        if (mode.equals("fetch")) {
            assertThat(text.out())
                    .contains("  EXCESS                * in inline:all: every action of every service: administrator"
                            + " access\n");
        } else {
            assertThat(text.out())
                    .contains("  EXCESS                iam:CreateUser on * in allowed")
                    .contains("  EXCESS                iam:PassRole on * in allowed");
        }
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(report.get("outcome").asText()).isEqualTo("fail");
        assertThat(report.get("excessGrants")).isNotEmpty();
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(junit.out())));
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isPositive();
        assertThat(((Element) failures.item(0)).getAttribute("type")).isEqualTo("excess-grant");
        assertThat(Integer.parseInt(suite.getAttribute("tests")))
                .isEqualTo(xml.getElementsByTagName("testcase").getLength());
    }

    @Test
    void preflight_simulateExplicitDeny_namesThePolicy() {
        pointAtSimulator();
        role(
                "denied",
                TRUST,
                generated(),
                Policy.fromJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoTables\",\"Effect\":"
                        + "\"Deny\",\"Action\":\"glue:GetTables\",\"Resource\":\"*\"}]}"));

        CliRun simulate = preflight("--role-arn", "arn:aws:iam::123456789012:role/denied");
        CliRun fetch = preflight("--mode", "fetch", "--role-arn", "arn:aws:iam::123456789012:role/denied");

        assertThat(simulate.exitCode()).as(simulate.out() + simulate.err()).isEqualTo(1);
        assertThat(simulate.out())
                .containsPattern("DENIED-EXPLICIT +metadata  glue:GetTables on [^\n]*: explicitDeny by a"
                        + " Deny statement \\([^)]*extra-1\\)");
        assertThat(fetch.out())
                .containsPattern("DENIED-EXPLICIT +metadata  glue:GetTables on [^\n]*: explicitDeny by a Deny"
                        + " statement \\(inline policy \"extra-1\", statement 0, Sid NoTables\\)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "fetch"})
    void preflight_hostilePolicyName_cannotForgeLinesOrBreakTheJunitXml(String mode) throws Exception {
        pointAtSimulator();
        // IAM allows only [\\w+=,.@-] in policy names; an account or endpoint that does not is still answered safely.
        // (moto keeps control characters too, but then its XML cannot be read: that run is exit 3, never a pass.)
        String hostile = "x\n::error::forged\tend";
        String name = "hostile-" + mode;
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(r -> r.roleName(name)
                .policyName("connector")
                .policyDocument(generated().toCompactJson()));
        iam.putRolePolicy(r -> r.roleName(name)
                .policyName(hostile)
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                        + "\"Action\":\"glue:GetTables\",\"Resource\":\"*\"}]}"));
        String arn = "arn:aws:iam::123456789012:role/" + name;

        CliRun text = preflight("--mode", mode, "--role-arn", arn);
        CliRun junit = preflight("--mode", mode, "--role-arn", arn, "--format", "junit");

        assertThat(text.exitCode()).as(text.out() + text.err()).isEqualTo(1);
        assertThat(text.out()).contains("x\\u000A::error::forged\\u0009end");
        assertThat(text.out().lines()).noneMatch(line -> line.startsWith("::"));
        assertThat(text.out()).doesNotContain("\t");
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(junit.out())));
        assertThat(((Element) xml.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .contains("x\\u000A::error::forged\\u0009end");
    }

    static Policy adminPolicy() {
        return Policy.fromJson(ADMIN_POLICY);
    }
}
