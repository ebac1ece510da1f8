package dev.leastpriv.policies.iac;

import static dev.leastpriv.policies.iac.Fixtures.OMNI_TRUST;
import static dev.leastpriv.policies.iac.Fixtures.TWO_POLICIES;
import static dev.leastpriv.policies.iac.Fixtures.WITHOUT_ROLE;
import static dev.leastpriv.policies.iac.Fixtures.WITH_ROLE;
import static dev.leastpriv.policies.iac.Fixtures.WITH_VARIABLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.policies.PolicySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates checked against CloudFormation's own resource schemas (tools/cfnspec), not only against this code. */
class CloudFormationSchemaTest {

    @TempDir
    Path dir;

    @Test
    void json_everyShapeOfTemplate_passesTheResourceSchemas() throws IOException {
        Path withRole = write("with-role.json", CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY));
        Path withoutRole = write("without-role.json", CloudFormationTemplate.json(WITHOUT_ROLE, JsonLayout.COMPACT));
        Path variables = write(
                "variables.json",
                CloudFormationTemplate.json(
                        IamResources.withRole(
                                "_vars", new PolicySet(ImmutableList.of(WITH_VARIABLES, Fixtures.GLUE)), OMNI_TRUST),
                        JsonLayout.PRETTY));
        Path single = write(
                "single.json",
                CloudFormationTemplate.json(
                        IamResources.of(
                                "a", PolicySet.of(TWO_POLICIES.policies().get(0))),
                        JsonLayout.PRETTY));

        Map<Path, List<String>> problems = CloudFormationSchema.problems(withRole, withoutRole, variables, single);

        assertThat(problems).containsOnlyKeys(withRole, withoutRole, variables, single);
        assertThat(problems)
                .allSatisfy(
                        (file, found) -> assertThat(found).as(file.toString()).isEmpty());
    }

    @Test
    void check_brokenTemplate_reportsEveryProblem() throws IOException {
        String broken = CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY)
                .replace("\"ManagedPolicyName\"", "\"PolicyName\"")
                .replace("\"Ref\": \"LeastprivOmniPolicy2\"", "\"Ref\": \"Missing\"")
                .replace("\"Arn\"\n", "\"Name\"\n");
        Path file = write("broken.json", broken);

        List<String> problems = CloudFormationSchema.problems(file).get(file);

        assertThat(problems)
                .contains(
                        "LeastprivOmniPolicy1: AWS::IAM::ManagedPolicy has no property PolicyName",
                        "LeastprivOmniRole/ManagedPolicyArns/1: Ref to unknown Missing",
                        "output LeastprivOmniRoleArn: AWS::IAM::Role has no attribute Name");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
