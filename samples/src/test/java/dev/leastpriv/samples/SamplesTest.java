package dev.leastpriv.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.cli.Main;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Statement;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.check.CheckReport;
import dev.leastpriv.policies.check.Finding;
import dev.leastpriv.validator.MotoServer;
import dev.leastpriv.validator.preflight.PreflightReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

class SamplesTest {

    private static final Path CONFIGS = Path.of("config");

    static Stream<Path> configs() throws Exception {
        try (Stream<Path> files = Files.list(CONFIGS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void generate_sampleConfig_rendersAPolicyDeterministically(Path config) {
        String first = run("generate", "--config", config.toString());
        String second = run("generate", "--config", config.toString());

        Policy policy = Policy.fromJson(first);
        assertThat(policy.statements()).isNotEmpty().allMatch(Statement::isAllow);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void trustPolicy_omniConfig_trustsOmniAccountWithExternalId() {
        String json =
                run("trust-policy", "--config", CONFIGS.resolve("omni.yaml").toString());

        assertThat(json)
                .contains("\"arn:aws:iam::210987654321:root\"")
                .contains("\"sts:ExternalId\": [\n                        \"omni-7f3a9c2e-connection-42\"");
    }

    @Test
    void omniConfig_dataInOtherBucket_isReadOnly() {
        Policy policy = Policy.fromJson(
                run("generate", "--config", CONFIGS.resolve("omni.yaml").toString()));

        assertThat(policy.statements())
                .filteredOn(
                        s -> s.resources().stream().anyMatch(r -> r.pattern().contains("analytics-data")))
                .flatExtracting(s -> s.actions().stream().map(Object::toString).toList())
                .containsExactlyInAnyOrder("s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject");
    }

    @Test
    void generateOpenMetadataPolicy_render_grantsProfilerDataRead() {
        Policy policy = GenerateOpenMetadataPolicy.render().policy();

        assertThat(policy.toJson()).contains("arn:aws:s3:::company-data-lake/warehouse/*");
    }

    @Test
    void checkVendorPolicy_openMetadataDocsPolicy_missesWhatTheToolCallsAndNamesTheEvidence() throws Exception {
        Path file = Path.of("policies", "openmetadata-docs-policy.json");

        CheckReport report = CheckVendorPolicy.check(file.toString(), Files.readString(file));

        assertThat(report.passed()).isFalse();
        assertThat(report.missing())
                .extracting(c -> c.requirement().action().toString())
                .contains("athena:StopQueryExecution", "glue:GetDatabase");
        assertThat(report.missing())
                .allSatisfy(
                        c -> assertThat(c.requirement().evidence().citation()).isNotBlank());
        assertThat(report.findings()).extracting(Finding::code).contains("WILDCARD_ONLY_ACTION_SCOPED");
    }

    @Test
    void preflightRole_roleWithTheGeneratedPolicy_passes_andOneStatementLessIsFixed() {
        Policy generated = PolicyRenderer.render(PreflightRole.request()).policy();
        Policy withoutTables = Policy.of(generated.statements().stream()
                .filter(s -> !"GlueTables".equals(s.sid()))
                .toList());
        try (MotoServer moto = MotoServer.start();
                IamClient iam = moto.iam(MotoServer.ADMIN);
                StsClient sts = moto.sts(MotoServer.ADMIN)) {
            String complete = role(iam, "complete", generated);
            String partial = role(iam, "partial", withoutTables);

            PreflightReport passing = PreflightRole.run(iam, sts, complete);
            PreflightReport failing = PreflightRole.run(iam, sts, partial);

            assertThat(passing.passed()).isTrue();
            assertThat(passing.fix(PreflightRole.request())).isEmpty();
            assertThat(failing.passed()).isFalse();
            assertThat(failing.missing()).isNotEmpty().allMatch(r -> r.sid().equals("GlueTables"));
            Policy fix = failing.fix(PreflightRole.request())
                    .orElseThrow()
                    .policies()
                    .get(0);
            assertThat(fix.statements()).extracting(Statement::sid).containsExactly("GlueTables");
        }
    }

    private static String role(IamClient iam, String name, Policy policy) {
        String arn = iam.createRole(r -> r.roleName(name)
                        .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                .role()
                .arn();
        iam.putRolePolicy(r -> r.roleName(name).policyName("connector").policyDocument(policy.toCompactJson()));
        return arn;
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }
}
