package dev.leastpriv.policies.iac;

import static dev.leastpriv.policies.iac.Fixtures.ATHENA;
import static dev.leastpriv.policies.iac.Fixtures.GLUE;
import static dev.leastpriv.policies.iac.Fixtures.JSON;
import static dev.leastpriv.policies.iac.Fixtures.OMNI_TRUST;
import static dev.leastpriv.policies.iac.Fixtures.WITHOUT_ROLE;
import static dev.leastpriv.policies.iac.Fixtures.WITH_ROLE;
import static dev.leastpriv.policies.iac.Fixtures.WITH_VARIABLES;
import static dev.leastpriv.policies.iac.Fixtures.YAML;
import static dev.leastpriv.policies.iac.Fixtures.compact;
import static dev.leastpriv.policies.iac.Fixtures.parse;
import static dev.leastpriv.policies.iac.Fixtures.pretty;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.json.PolicyJson;
import dev.leastpriv.policies.PolicySet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class CloudFormationTemplateTest {

    @Test
    void json_withRole_declaresManagedPoliciesAndRole() {
        JsonNode template = parse(JSON, CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY));

        assertThat(fieldNames(template))
                .containsExactly("AWSTemplateFormatVersion", "Description", "Resources", "Outputs");
        assertThat(template.get("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
        JsonNode resources = template.get("Resources");
        assertThat(fieldNames(resources))
                .containsExactly("LeastprivOmniPolicy1", "LeastprivOmniPolicy2", "LeastprivOmniRole");
        assertThat(resources.at("/LeastprivOmniPolicy1/Type").asText()).isEqualTo("AWS::IAM::ManagedPolicy");
        assertThat(fieldNames(resources.at("/LeastprivOmniPolicy1/Properties")))
                .containsExactly("ManagedPolicyName", "Description", "PolicyDocument");
        assertThat(resources
                        .at("/LeastprivOmniPolicy1/Properties/ManagedPolicyName")
                        .asText())
                .isEqualTo("leastpriv-omni-1");
        assertThat(resources
                        .at("/LeastprivOmniPolicy2/Properties/ManagedPolicyName")
                        .asText())
                .isEqualTo("leastpriv-omni-2");
        assertThat(resources.at("/LeastprivOmniRole/Type").asText()).isEqualTo("AWS::IAM::Role");
        assertThat(fieldNames(resources.at("/LeastprivOmniRole/Properties")))
                .containsExactly("RoleName", "Description", "AssumeRolePolicyDocument", "ManagedPolicyArns");
        assertThat(resources.at("/LeastprivOmniRole/Properties/RoleName").asText())
                .isEqualTo("leastpriv-omni");
    }

    @Test
    void json_withRole_roleRefsEveryManagedPolicy() {
        JsonNode template = parse(JSON, CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY));

        JsonNode arns = template.at("/Resources/LeastprivOmniRole/Properties/ManagedPolicyArns");
        assertThat(arns).hasSize(2);
        for (JsonNode arn : arns) {
            assertThat(fieldNames(arn)).containsExactly("Ref");
            assertThat(template.at("/Resources/" + arn.get("Ref").asText() + "/Type")
                            .asText())
                    .isEqualTo("AWS::IAM::ManagedPolicy");
        }
        assertThat(arns.findValuesAsText("Ref")).containsExactly("LeastprivOmniPolicy1", "LeastprivOmniPolicy2");
    }

    @Test
    void json_withRole_outputsPolicyArnsAndRoleArn() {
        JsonNode outputs = parse(JSON, CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY))
                .get("Outputs");

        assertThat(fieldNames(outputs))
                .containsExactly("LeastprivOmniPolicy1Arn", "LeastprivOmniPolicy2Arn", "LeastprivOmniRoleArn");
        assertThat(outputs.at("/LeastprivOmniPolicy2Arn/Value/Ref").asText()).isEqualTo("LeastprivOmniPolicy2");
        assertThat(compact(outputs.at("/LeastprivOmniRoleArn/Value")))
                .isEqualTo("{\"Fn::GetAtt\":[\"LeastprivOmniRole\",\"Arn\"]}");
    }

    @Test
    void json_documents_writeBackToExactlyThePolicyJson() {
        JsonNode resources = parse(JSON, CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY))
                .get("Resources");

        assertDocument(resources.at("/LeastprivOmniPolicy1/Properties/PolicyDocument"), ATHENA);
        assertDocument(resources.at("/LeastprivOmniPolicy2/Properties/PolicyDocument"), GLUE);
        assertDocument(resources.at("/LeastprivOmniRole/Properties/AssumeRolePolicyDocument"), OMNI_TRUST.policy());
    }

    @Test
    void json_policyVariables_keptVerbatim() {
        var resources = IamResources.of("vars", PolicySet.of(WITH_VARIABLES));

        String template = CloudFormationTemplate.json(resources, JsonLayout.PRETTY);

        assertDocument(parse(JSON, template).at("/Resources/VarsPolicy1/Properties/PolicyDocument"), WITH_VARIABLES);
        assertThat(template).contains("${aws:username}").doesNotContain("$${aws:username}");
    }

    @Test
    void json_compact_isOneLineWithTheSameTree() {
        String pretty = CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY);

        String compact = CloudFormationTemplate.json(WITH_ROLE, JsonLayout.COMPACT);

        assertThat(compact).endsWith("}\n").containsOnlyOnce("\n");
        assertThat(parse(JSON, compact)).isEqualTo(parse(JSON, pretty));
    }

    @Test
    void json_withoutRole_declaresOnlyManagedPolicies() {
        JsonNode template = parse(JSON, CloudFormationTemplate.json(WITHOUT_ROLE, JsonLayout.PRETTY));

        assertThat(fieldNames(template.get("Resources")))
                .containsExactly("LeastprivOmniPolicy1", "LeastprivOmniPolicy2");
        assertThat(fieldNames(template.get("Outputs")))
                .containsExactly("LeastprivOmniPolicy1Arn", "LeastprivOmniPolicy2Arn");
    }

    @Test
    void json_everyLogicalId_isAlphanumeric() {
        JsonNode template = parse(
                JSON,
                CloudFormationTemplate.json(
                        IamResources.withRole("_odd-name__2", Fixtures.TWO_POLICIES, OMNI_TRUST), JsonLayout.PRETTY));

        assertThat(fieldNames(template.get("Resources"))).allMatch(id -> id.matches("[A-Za-z0-9]+"));
        assertThat(fieldNames(template.get("Outputs"))).allMatch(id -> id.matches("[A-Za-z0-9]+"));
        assertThat(fieldNames(template.get("Resources"))).contains("OddName2Role");
    }

    @Test
    void yaml_readByJacksonYaml_sameTreeAsJson() {
        String yaml = CloudFormationTemplate.yaml(WITH_ROLE);

        assertThat(parse(YAML, yaml)).isEqualTo(parse(JSON, CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY)));
        assertDocument(parse(YAML, yaml).at("/Resources/LeastprivOmniPolicy2/Properties/PolicyDocument"), GLUE);
    }

    @Test
    void yaml_readByYaml11Reader_keepsEveryValueAString() {
        // SnakeYAML reads YAML 1.1, where an unquoted 2012-10-17 is a date and an unquoted account id a number.
        Map<String, Object> yaml = new Yaml().load(CloudFormationTemplate.yaml(WITH_ROLE));

        Object json =
                JSON.convertValue(parse(JSON, CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY)), Object.class);
        assertThat(yaml).isEqualTo(json);
    }

    @Test
    void yaml_withRole_usesNoTagsAndNoShortFormFunctions() {
        String yaml = CloudFormationTemplate.yaml(WITH_ROLE);

        assertThat(yaml).doesNotContain("!", "---").endsWith("\n");
        assertThat(yaml).contains("\n        - Ref: \"LeastprivOmniPolicy1\"\n", "\n      Fn::GetAtt:\n");
    }

    @Test
    void sameResourcesTwice_sameBytes() {
        var again = IamResources.withRole("leastpriv-omni", Fixtures.TWO_POLICIES, OMNI_TRUST);

        assertThat(CloudFormationTemplate.json(again, JsonLayout.PRETTY))
                .isEqualTo(CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY));
        assertThat(CloudFormationTemplate.yaml(again)).isEqualTo(CloudFormationTemplate.yaml(WITH_ROLE));
    }

    @Test
    void json_withRole_matchesGolden() {
        Fixtures.assertGolden(
                "cloudformation-two-policies-role.json", CloudFormationTemplate.json(WITH_ROLE, JsonLayout.PRETTY));
    }

    @Test
    void yaml_withRole_matchesGolden() {
        Fixtures.assertGolden("cloudformation-two-policies-role.yaml", CloudFormationTemplate.yaml(WITH_ROLE));
    }

    /** The document object writes back, with the policy writer's layouts, to exactly the policy's JSON. */
    private static void assertDocument(JsonNode document, Policy policy) {
        assertThat(compact(document)).isEqualTo(policy.toCompactJson());
        assertThat(pretty(document)).isEqualTo(policy.toJson());
        assertThat(PolicyJson.read(compact(document))).isEqualTo(policy);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
