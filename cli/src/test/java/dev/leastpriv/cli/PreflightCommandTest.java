package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.Policy;
import dev.leastpriv.validator.MotoServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

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

    private static MotoServer moto;
    private static IamClient iam;
    private final Map<String, String> saved = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        iam = moto.iam(MotoServer.ADMIN);
    }

    @AfterAll
    static void stop() {
        iam.close();
        moto.close();
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        saved.clear();
    }

    private void property(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private void pointAt(String endpoint) {
        property("aws.accessKeyId", "testing");
        property("aws.secretAccessKey", "testing");
        property("aws.endpointUrl", endpoint);
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
    void preflight_roleWithTheGeneratedPolicy_passes() {
        pointAt(moto.endpoint().toString());
        String arn = role("complete", rendered());

        CliRun run = CliRun.of(preflight("--role-arn", "arn:aws:iam::123456789012:role/complete"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("Preflight of " + arn + " (fetch mode)\n")
                .doesNotContain("MISSING");
        assertThat(run.out()).containsPattern("PASS: (\\d+) of \\1 requirements allowed\n$");
        assertThat(run.err()).contains("leastpriv: reading the policies of " + arn);
    }

    @Test
    void preflight_statementMissing_exitsOneAndPrintsTheFix() {
        pointAt(moto.endpoint().toString());
        Policy withoutHistory = Policy.of(rendered().statements().stream()
                .map(s -> "AthenaWorkgroup".equals(s.sid())
                        ? s.toBuilder()
                                .actions(s.actions().stream()
                                        .filter(a -> !a.name().equals("ListQueryExecutions"))
                                        .toList())
                                .build()
                        : s)
                .toList());
        role("nohistory", withoutHistory);

        CliRun run = CliRun.of(preflight("--role-arn", "arn:aws:iam::123456789012:role/nohistory"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "  MISSING  usage  athena:ListQueryExecutions on "
                                + "arn:aws:athena:us-east-1:123456789012:workgroup/metadata: no identity-based policy allows the action\n")
                .contains("Add these statements to the role to fix what is missing:\n")
                .contains("\"Sid\": \"AthenaWorkgroup\"")
                .contains("\"athena:ListQueryExecutions\"")
                .containsPattern("FAIL: \\d+ of \\d+ requirements allowed\n$");
    }

    @Test
    void preflight_unreachableEndpoint_couldNotRun() {
        pointAt("http://127.0.0.1:1");

        CliRun run = CliRun.of(preflight("--role-arn", "arn:aws:iam::123456789012:role/complete"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("leastpriv preflight: could not run: ").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void preflight_roleArnThatIsNotARole_isBadInput() {
        pointAt(moto.endpoint().toString());

        CliRun run = CliRun.of(preflight("--role-arn", "arn:aws:iam::123456789012:user/alice"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("leastpriv preflight: error: role-arn \"arn:aws:iam::123456789012:user/alice\"")
                .doesNotContain("\tat ");
    }
}
