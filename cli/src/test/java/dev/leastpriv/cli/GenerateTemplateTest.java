package dev.leastpriv.cli;

import static dev.leastpriv.cli.CliRun.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code generate --format terraform|cloudformation|cloudformation-yaml}: templates around the JSON format's policy. */
class GenerateTemplateTest {

    /** OpenMetadata reading metadata of one database, the connection of the JSON format's golden policy. */
    private static final String[] METADATA_SALES = GenerateCommandTest.METADATA_SALES;

    private static final String[] TRUST = {"--trusted-account", "210987654321", "--external-id", "om-7f3a9c2e"};

    private static final String SIZE_LINE = GenerateCommandTest.METADATA_SALES_SIZE_LINE;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    @Test
    void generate_terraformWithTrust_printsGoldenConfiguration() {
        var run = CliRun.of(args(args(METADATA_SALES, TRUST), "--format", "terraform"));

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches(run.out(), "generate-openmetadata-trust.tf.json");
        assertThat(run.err()).isEqualTo(SIZE_LINE);
    }

    @Test
    void generate_cloudformationWithTrust_printsGoldenTemplate() {
        var run = CliRun.of(args(args(METADATA_SALES, TRUST), "--format", "cloudformation"));

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches(run.out(), "generate-openmetadata-trust.cfn.json");
        assertThat(run.err()).isEqualTo(SIZE_LINE);
    }

    @Test
    void generate_cloudformationYamlWithTrust_printsGoldenTemplate() {
        var run = CliRun.of(args(args(METADATA_SALES, TRUST), "--format", "cloudformation-yaml"));

        assertThat(run.exitCode()).isZero();
        Golden.assertMatches(run.out(), "generate-openmetadata-trust.cfn.yaml");
        assertThat(run.err()).isEqualTo(SIZE_LINE);
    }

    @Test
    void generate_terraform_policyStringIsExactlyTheJsonFormatsOutput() {
        String json = CliRun.of(METADATA_SALES).out();
        String trust = CliRun.of(args(new String[] {"trust-policy"}, TRUST)).out();

        JsonNode resource = parse(
                        JSON,
                        CliRun.of(args(args(METADATA_SALES, TRUST), "--format", "terraform"))
                                .out())
                .get("resource");

        assertThat(resource.at("/aws_iam_policy/leastpriv-openmetadata_1/policy")
                        .asText())
                .isEqualTo(json);
        assertThat(resource.at("/aws_iam_role/leastpriv-openmetadata/assume_role_policy")
                        .asText())
                .isEqualTo(trust);
    }

    @Test
    void generate_terraformCompact_policyStringIsTheCompactJsonWithoutItsLineEnd() {
        String json = CliRun.of(args(METADATA_SALES, "--compact")).out();
        String trust = CliRun.of(args(args(new String[] {"trust-policy"}, TRUST), "--compact"))
                .out();

        JsonNode resource = parse(
                        JSON,
                        CliRun.of(args(args(METADATA_SALES, TRUST), "--format", "terraform", "--compact"))
                                .out())
                .get("resource");

        assertThat(resource.at("/aws_iam_policy/leastpriv-openmetadata_1/policy")
                                .asText() + "\n")
                .isEqualTo(json);
        assertThat(resource.at("/aws_iam_role/leastpriv-openmetadata/assume_role_policy")
                                .asText() + "\n")
                .isEqualTo(trust);
    }

    @Test
    void generate_terraform_referencesDeclaredResources() {
        JsonNode root = parse(
                JSON,
                CliRun.of(args(args(METADATA_SALES, TRUST), "--format", "terraform"))
                        .out());

        assertThat(root.at("/resource/aws_iam_policy/leastpriv-openmetadata_1/name")
                        .asText())
                .isEqualTo("leastpriv-openmetadata-1");
        assertThat(root.at("/resource/aws_iam_role/leastpriv-openmetadata/name").asText())
                .isEqualTo("leastpriv-openmetadata");
        assertThat(root.at("/resource/aws_iam_role_policy_attachment/leastpriv-openmetadata_1/role")
                        .asText())
                .isEqualTo("${aws_iam_role.leastpriv-openmetadata.name}");
        assertThat(root.at("/resource/aws_iam_role_policy_attachment/leastpriv-openmetadata_1/policy_arn")
                        .asText())
                .isEqualTo("${aws_iam_policy.leastpriv-openmetadata_1.arn}");
        assertThat(root.at("/output/leastpriv-openmetadata_role_arn/value").asText())
                .isEqualTo("${aws_iam_role.leastpriv-openmetadata.arn}");
    }

    @Test
    void generate_cloudformation_documentsWriteBackToTheJsonFormatsOutput() {
        String json = CliRun.of(args(METADATA_SALES, "--compact")).out();
        String trust = CliRun.of(args(args(new String[] {"trust-policy"}, TRUST), "--compact"))
                .out();

        JsonNode resources = parse(
                        JSON,
                        CliRun.of(args(args(METADATA_SALES, TRUST), "--format", "cloudformation"))
                                .out())
                .get("Resources");

        assertThat(write(resources.at("/LeastprivOpenmetadataPolicy1/Properties/PolicyDocument")) + "\n")
                .isEqualTo(json);
        assertThat(write(resources.at("/LeastprivOpenmetadataRole/Properties/AssumeRolePolicyDocument")) + "\n")
                .isEqualTo(trust);
        assertThat(resources
                        .at("/LeastprivOpenmetadataRole/Properties/ManagedPolicyArns/0/Ref")
                        .asText())
                .isEqualTo("LeastprivOpenmetadataPolicy1");
    }

    @Test
    void generate_cloudformationYaml_sameTemplateAsJson() {
        String[] withTrust = args(METADATA_SALES, TRUST);

        JsonNode yaml = parse(
                YAML,
                CliRun.of(args(withTrust, "--format", "cloudformation-yaml")).out());

        assertThat(yaml)
                .isEqualTo(parse(
                        JSON,
                        CliRun.of(args(withTrust, "--format", "cloudformation")).out()));
    }

    @Test
    void generate_cloudformationCompact_isOneLineWithTheSameTemplate() {
        String[] withTrust = args(METADATA_SALES, TRUST);

        var run = CliRun.of(args(withTrust, "--format", "cloudformation", "--compact"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("}\n").containsOnlyOnce("\n");
        assertThat(parse(JSON, run.out()))
                .isEqualTo(parse(
                        JSON,
                        CliRun.of(args(withTrust, "--format", "cloudformation")).out()));
    }

    @Test
    void generate_terraformWithoutTrust_declaresOnlyThePolicies() {
        var run = CliRun.of(args(METADATA_SALES, "--format", "terraform"));

        assertThat(run.exitCode()).isZero();
        JsonNode resource = parse(JSON, run.out()).get("resource");
        assertThat(resource.has("aws_iam_policy")).isTrue();
        assertThat(resource.has("aws_iam_role")).isFalse();
        assertThat(resource.has("aws_iam_role_policy_attachment")).isFalse();
    }

    @Test
    void generate_name_namesEveryResource() {
        var run = CliRun.of(args(args(METADATA_SALES, TRUST), "--format", "cloudformation", "--name", "om_prod"));

        assertThat(run.exitCode()).isZero();
        JsonNode resources = parse(JSON, run.out()).get("Resources");
        assertThat(resources.at("/OmProdPolicy1/Properties/ManagedPolicyName").asText())
                .isEqualTo("om_prod-1");
        assertThat(resources.at("/OmProdRole/Properties/RoleName").asText()).isEqualTo("om_prod");
    }

    @Test
    void generate_omniConfigWithTrustFields_addsTheRoleToTemplatesOnly() {
        String config = Path.of("..", "samples", "config", "omni.yaml").toString();

        var template = CliRun.of("generate", "--config", config, "--format", "terraform");
        var json = CliRun.of("generate", "--config", config);

        assertThat(template.exitCode()).isZero();
        JsonNode role = parse(JSON, template.out()).at("/resource/aws_iam_role/leastpriv-omni");
        assertThat(role.get("name").asText()).isEqualTo("leastpriv-omni");
        assertThat(role.get("assume_role_policy").asText())
                .isEqualTo(CliRun.of("trust-policy", "--config", config).out());
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).startsWith("{\n    \"Version\"");
    }

    @Test
    void generate_terraformOut_writesTheFile() throws IOException {
        Path file = dir.resolve("connector.tf.json");

        var run = CliRun.of(args(args(METADATA_SALES, TRUST), "--format", "terraform", "--out", file.toString()));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        Golden.assertMatches(Files.readString(file), "generate-openmetadata-trust.tf.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--trusted-account=210987654321", "--external-id=om-7f3a9c2e"})
    void generate_jsonWithTrustFlag_exitsWithUsageErrorPointingToTrustPolicy(String flag) {
        var run = CliRun.of(args(METADATA_SALES, flag));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: --trusted-account, --trusted-principal and --external-id add a"
                        + " role to a template (--format terraform, cloudformation or cloudformation-yaml); for the"
                        + " role's trust policy as JSON run leastpriv trust-policy\n");
    }

    @Test
    void generate_jsonWithName_exitsWithUsageError() {
        var run = CliRun.of(args(METADATA_SALES, "--name", "om"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: --name names the resources of a template (--format terraform,"
                        + " cloudformation or cloudformation-yaml); a JSON policy document has no name\n");
    }

    @Test
    void generate_yamlCompact_exitsWithUsageError() {
        var run = CliRun.of(args(METADATA_SALES, "--format", "cloudformation-yaml", "--compact"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: --compact lays out JSON; use --format cloudformation --compact"
                        + " for a one-line template\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1st", "dotted.name", "with space", "${x}"})
    void generate_invalidName_exitsWithUsageErrorNamingTheRule(String name) {
        var run = CliRun.of(args(METADATA_SALES, "--format", "terraform", "--name", name));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("leastpriv generate: error: name \"" + name + "\" is not valid: expected a letter or '_',"
                        + " then letters, digits, '_' or '-', at most 64 characters (an IAM role name and a Terraform"
                        + " resource name)\n");
    }

    @Test
    void generate_trustWithoutExternalId_exitsWithUsageError() {
        var run = CliRun.of(args(METADATA_SALES, "--format", "terraform", "--trusted-account", "210987654321"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("leastpriv generate: error: --external-id is required");
    }

    @Test
    void generate_formatIgnoringCase_isAccepted() {
        var run = CliRun.of(args(METADATA_SALES, "--format", "CloudFormation-YAML"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("AWSTemplateFormatVersion: \"2010-09-09\"\n");
    }

    private static JsonNode parse(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
