package dev.leastpriv.cli;

import static dev.leastpriv.cli.CliRun.args;
import static dev.leastpriv.cli.CliRun.with;
import static dev.leastpriv.cli.CliRun.without;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustPolicyCommandTest {

    private static final String[] OMNI_ACCOUNT = {
        "trust-policy", "--trusted-account", "210987654321", "--external-id", "omni-7f3a9c2e-connection-42"
    };

    private static final String OMNI_ROLE = "arn:aws:iam::210987654321:role/omni-athena";

    private static final String[] OMNI_PRINCIPAL = {
        "trust-policy", "--trusted-principal", OMNI_ROLE, "--external-id", "omni-7f3a9c2e-connection-42"
    };

    private static final String EXTERNAL_ID_RULE =
            "\" is not valid: expected 2-1224 characters of letters, digits and _ + = , . @ : / - (no spaces)\n";

    @TempDir
    Path dir;

    @Test
    void trustPolicy_accountAndExternalId_printsGoldenPolicy() {
        var run = CliRun.of(OMNI_ACCOUNT);

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches(run.out(), "trust-policy-account.json");
        assertThat(run.err()).isEqualTo("leastpriv: role trust policy size 253 of 2,048 characters\n");
    }

    @Test
    void trustPolicy_principalRoleArn_trustsOnlyThatRole() {
        var run = CliRun.of(OMNI_PRINCIPAL);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(CliRun.of(OMNI_ACCOUNT).out().replace("arn:aws:iam::210987654321:root", OMNI_ROLE));
        assertThat(run.err()).isEqualTo("leastpriv: role trust policy size 265 of 2,048 characters\n");
    }

    @Test
    void trustPolicy_compact_printsOneLineEndingInNewline() {
        var run = CliRun.of(args(OMNI_ACCOUNT, "--compact"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(CliRun.of(OMNI_ACCOUNT).out().replaceAll("\\s", "") + "\n")
                .hasSize(253 + 1);
    }

    @Test
    void trustPolicy_sameCommandTwice_printsIdenticalOutput() {
        var first = CliRun.of(OMNI_ACCOUNT);

        var second = CliRun.of(OMNI_ACCOUNT);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void trustPolicy_accountAndPrincipal_exitsWithUsageError() {
        var run = CliRun.of(args(OMNI_ACCOUNT, "--trusted-principal", OMNI_ROLE));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: give exactly one of --trusted-account and"
                        + " --trusted-principal\n");
    }

    @Test
    void trustPolicy_neitherAccountNorPrincipal_exitsWithUsageError() {
        var run = CliRun.of(without(OMNI_ACCOUNT, "--trusted-account"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: give exactly one of --trusted-account and"
                        + " --trusted-principal\n");
    }

    @Test
    void trustPolicy_missingExternalId_exitsWithConfusedDeputyExplanation() {
        var run = CliRun.of(without(OMNI_ACCOUNT, "--external-id"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: --external-id is required: without it any principal of"
                        + " the trusted account could assume the role (confused deputy)\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"omni 42", "x", "omni\"42", "omni*"})
    void trustPolicy_invalidExternalId_exitsWithUsageErrorQuotingValue(String externalId) {
        var run = CliRun.of(with(OMNI_ACCOUNT, "--external-id", externalId));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("leastpriv trust-policy: error: external-id \"")
                .endsWith(EXTERNAL_ID_RULE);
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void trustPolicy_externalIdWithSpace_quotesValueExactly() {
        var run = CliRun.of(with(OMNI_ACCOUNT, "--external-id", "omni 42"));

        assertThat(run.err()).isEqualTo("leastpriv trust-policy: error: external-id \"omni 42" + EXTERNAL_ID_RULE);
    }

    @Test
    void trustPolicy_externalIdOf1225Characters_exitsWithUsageError() {
        String tooLong = "a".repeat(1_225);

        var run = CliRun.of(with(OMNI_ACCOUNT, "--external-id", tooLong));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: external-id \"" + "a".repeat(200)
                        + "\"... (1,225 characters in" + " all)" + EXTERNAL_ID_RULE.substring(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 1_224})
    void trustPolicy_externalIdAtLengthLimits_isAccepted(int length) {
        String externalId = "a".repeat(length);

        var run = CliRun.of(with(OMNI_ACCOUNT, "--external-id", externalId));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"sts:ExternalId\": [\n                        \"" + externalId + "\"\n");
    }

    @Test
    void trustPolicy_chinaRegion_usesAwsCnPartition() {
        var run = CliRun.of(args(OMNI_ACCOUNT, "--region", "cn-north-1"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(CliRun.of(OMNI_ACCOUNT)
                        .out()
                        .replace("arn:aws:iam::210987654321:root", "arn:aws-cn:iam::210987654321:root"));
    }

    @Test
    void trustPolicy_govCloudPartition_usesAwsUsGovPartition() {
        var run = CliRun.of(args(OMNI_ACCOUNT, "--partition", "aws-us-gov"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"arn:aws-us-gov:iam::210987654321:root\"");
    }

    @Test
    void trustPolicy_partitionNotMatchingRegion_exitsWithUsageError() {
        var run = CliRun.of(args(OMNI_ACCOUNT, "--region", "cn-north-1", "--partition", "aws"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: partition \"aws\" does not match region \"cn-north-1\","
                        + " which is in partition \"aws-cn\"\n");
    }

    @Test
    void trustPolicy_invalidRegion_exitsWithUsageError() {
        var run = CliRun.of(args(OMNI_ACCOUNT, "--region", "moon-1"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: Invalid region \"moon-1\": expected an AWS region such as"
                        + " \"us-east-1\", \"eu-west-1\", \"cn-north-1\" or \"us-gov-west-1\"\n");
    }

    @Test
    void trustPolicy_invalidTrustedAccount_exitsWithUsageError() {
        var run = CliRun.of(with(OMNI_ACCOUNT, "--trusted-account", "21098765432"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: Invalid account id \"21098765432\": expected exactly 12"
                        + " digits\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an arn", "arn:aws:iam::210987654321:role/*", "arn:aws:s3:::bucket"})
    void trustPolicy_invalidTrustedPrincipal_exitsWithUsageErrorQuotingValue(String principal) {
        var run = CliRun.of(with(OMNI_PRINCIPAL, "--trusted-principal", principal));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: trusted-principal \"" + principal + "\" is not valid:"
                        + " expected an account root, role or user ARN such as"
                        + " \"arn:aws:iam::210987654321:role/saas-connector\", without wildcards\n");
    }

    @Test
    void trustPolicy_principalInOtherPartitionThanRegion_exitsWithUsageError() {
        var run = CliRun.of(args(OMNI_PRINCIPAL, "--region", "cn-north-1"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv trust-policy: error: trusted-principal \"" + OMNI_ROLE + "\" is in partition"
                        + " \"aws\", which does not match partition \"aws-cn\" from region/partition\n");
    }

    @Test
    void trustPolicy_principalWithInvalidRegion_exitsWithUsageError() {
        var run = CliRun.of(args(OMNI_PRINCIPAL, "--region", "moon-1"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leastpriv trust-policy: error: Invalid region \"moon-1\"");
    }

    @Test
    void trustPolicy_principalInRegionPartition_isAccepted() {
        var run = CliRun.of(args(
                with(OMNI_PRINCIPAL, "--trusted-principal", "arn:aws-cn:iam::210987654321:role/omni-athena"),
                "--region",
                "cn-north-1"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"arn:aws-cn:iam::210987654321:role/omni-athena\"");
    }

    @Test
    void trustPolicy_sampleOmniConfig_sameAsEquivalentFlags() {
        var run = CliRun.of(
                "trust-policy",
                "--config",
                Path.of("..", "samples", "config", "omni.yaml").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run).isEqualTo(CliRun.of(args(OMNI_ACCOUNT, "--region", "us-east-1")));
        Golden.assertMatches(run.out(), "trust-policy-account.json");
    }

    @Test
    void trustPolicy_flagAndConfigExternalId_flagWins() {
        var run = CliRun.of(
                "trust-policy",
                "--config",
                Path.of("..", "samples", "config", "omni.yaml").toString(),
                "--external-id",
                "rotated-external-id");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("\"rotated-external-id\"", "\"arn:aws:iam::210987654321:root\"")
                .doesNotContain("omni-7f3a9c2e-connection-42");
    }

    @Test
    void trustPolicy_out_writesFileAndNothingToStdout() throws IOException {
        Path file = dir.resolve("trust.json");

        var run = CliRun.of(args(OMNI_ACCOUNT, "--out", file.toString()));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("leastpriv: role trust policy size 253 of 2,048 characters\n");
        Golden.assertMatches(Files.readString(file), "trust-policy-account.json");
    }

    @Test
    void trustPolicy_outWithInvalidInput_createsNoFile() {
        Path file = dir.resolve("trust.json");

        var run = CliRun.of(args(without(OMNI_ACCOUNT, "--external-id"), "--out", file.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void trustPolicy_outInMissingDirectory_exitsCouldNotRun() {
        Path file = dir.resolve("missing").resolve("trust.json");

        var run = CliRun.of(args(OMNI_ACCOUNT, "--out", file.toString()));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("leastpriv trust-policy: could not run: cannot write \"" + file + "\": ")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void trustPolicy_principalFlagOverConfigWithAccount_usesTheFlag() throws IOException {
        Path config = dir.resolve("omni.yaml");
        Files.writeString(config, "trusted-account: \"210987654321\"\nexternal-id: omni-7f3a\n");

        var run = CliRun.of(
                "trust-policy",
                "--config",
                config.toString(),
                "--trusted-principal",
                "arn:aws:iam::210987654321:role/omni",
                "--compact");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("\"AWS\":[\"arn:aws:iam::210987654321:role/omni\"]")
                .doesNotContain(":root");
    }
}
