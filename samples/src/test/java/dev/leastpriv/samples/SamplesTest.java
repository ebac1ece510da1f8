package dev.leastpriv.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.cli.Main;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Statement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }
}
