package dev.leastpriv.policies.iac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.Condition;
import dev.leastpriv.core.ExternalId;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Statement;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.TrustPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-made policy sets (the packing that splits a policy is not needed to test the templates) and parsers. */
final class Fixtures {

    static final Policy ATHENA = Policy.of(Statement.allow()
            .sid("AthenaWorkgroup")
            .addAction("athena:StartQueryExecution")
            .addAction("athena:GetQueryResults")
            .addResource("arn:aws:athena:eu-west-1:123456789012:workgroup/metadata")
            .build());

    static final Policy GLUE = Policy.of(Statement.allow()
            .sid("GlueCatalog")
            .addAction("glue:GetDatabase")
            .addAction("glue:GetTables")
            .addResource("arn:aws:glue:eu-west-1:123456789012:catalog")
            .addResource("arn:aws:glue:eu-west-1:123456789012:database/sales")
            .addResource("arn:aws:glue:eu-west-1:123456789012:table/sales/*")
            .build());

    /** IAM policy variables in a resource, and a "%{" in a condition value: both are Terraform template syntax. */
    static final Policy WITH_VARIABLES = Policy.of(Statement.allow()
            .sid("OwnPrefix")
            .addAction("s3:GetObject")
            .addResource("arn:aws:s3:::athena-results/${aws:username}/*")
            .addResource("arn:aws:s3:::athena-results/$${aws:userid}/*")
            .addCondition(Condition.of("StringLike", "s3:prefix", "home/%{user}/${aws:PrincipalTag/team}"))
            .build());

    static final PolicySet TWO_POLICIES = new PolicySet(ImmutableList.of(ATHENA, GLUE));

    static final TrustPolicy OMNI_TRUST =
            TrustPolicy.forAccount(Partition.AWS, AccountId.of("210987654321"), ExternalId.of("omni-7f3a"));

    static final IamResources WITH_ROLE = IamResources.withRole("leastpriv-omni", TWO_POLICIES, OMNI_TRUST);

    static final IamResources WITHOUT_ROLE = IamResources.of("leastpriv-omni", TWO_POLICIES);

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final ObjectMapper YAML = new YAMLMapper();

    private Fixtures() {}

    static JsonNode parse(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return {@code node} written as compact JSON by the same generator that writes policies} */
    static String compact(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compares {@code actual} with {@code src/test/resources/golden/iac/<name>} as exact text;
     * {@code -Dgolden.update=true} rewrites the file instead (never in CI).
     */
    static void assertGolden(String name, String actual) {
        Path file = Path.of("src", "test", "resources", "golden", "iac", name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(actual)
                    .as("golden file %s (rerun with -Dgolden.update=true to accept a change)", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return {@code node} written in the layout of {@link Policy#toJson()}} */
    static String pretty(JsonNode node) {
        try {
            return JSON.writer(TemplateJson.prettyPrinter()).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
