package dev.leastpriv.policies.iac;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Policy;
import dev.leastpriv.policies.TrustPolicy;

/**
 * A CloudFormation template, in JSON or YAML, that declares {@link IamResources}: an {@code AWS::IAM::ManagedPolicy}
 * per policy of the set and, with a trust policy, an {@code AWS::IAM::Role} with the policies in
 * {@code ManagedPolicyArns}, plus outputs with their ARNs.
 *
 * <pre>{@code
 * Files.writeString(Path.of("connector.yaml"), CloudFormationTemplate.yaml(resources));
 * }</pre>
 *
 * <p>Logical ids are the name in PascalCase (see {@link IamResources}) followed by {@code Policy1},
 * {@code Policy2}… and {@code Role}; outputs by {@code Policy1Arn}… and {@code RoleArn}. The resources carry
 * their IAM names ({@code ManagedPolicyName}, {@code RoleName}), so a stack needs {@code CAPABILITY_NAMED_IAM}.
 *
 * <p>Policy documents are JSON objects, as the resource reference declares {@code PolicyDocument} and
 * {@code AssumeRolePolicyDocument} (type {@code Json}); written back as compact JSON, each is exactly
 * {@link Policy#toCompactJson()}. No intrinsic function but {@code Ref} and {@code Fn::GetAtt} is used, both in their
 * long form, and no string is read as a {@code Fn::Sub} template, so a policy variable such as
 * {@code ${aws:username}} stays as it is. The YAML has no tags and double-quotes every string, so any YAML reader
 * reads the same values.
 */
public final class CloudFormationTemplate {

    static final String FORMAT_VERSION = "2010-09-09";

    private CloudFormationTemplate() {}

    /** {@return the template as JSON in {@code layout}, ending in a newline; same resources, same bytes} */
    public static String json(IamResources resources, JsonLayout layout) {
        checkNotNull(layout, "layout");
        return TemplateJson.json(template(checkNotNull(resources, "resources")), layout);
    }

    /** {@return the template as block-style YAML, ending in a newline; same resources, same bytes} */
    public static String yaml(IamResources resources) {
        return TemplateJson.yaml(template(checkNotNull(resources, "resources")));
    }

    private static ObjectNode template(IamResources resources) {
        String prefix = resources.logicalIdPrefix();
        ImmutableList<Policy> policies = resources.policies().policies();
        TrustPolicy trust = resources.trust();

        ObjectNode root = TemplateJson.object();
        root.put("AWSTemplateFormatVersion", FORMAT_VERSION);
        root.put("Description", Descriptions.template());
        ObjectNode resourceNodes = root.putObject("Resources");
        for (int i = 0; i < policies.size(); i++) {
            ObjectNode policy = resourceNodes.putObject(policyId(prefix, i));
            policy.put("Type", "AWS::IAM::ManagedPolicy");
            ObjectNode properties = policy.putObject("Properties");
            properties.put("ManagedPolicyName", resources.policyName(i));
            properties.put("Description", Descriptions.policy(i));
            properties.set("PolicyDocument", TemplateJson.document(policies.get(i)));
        }
        if (trust != null) {
            ObjectNode role = resourceNodes.putObject(prefix + "Role");
            role.put("Type", "AWS::IAM::Role");
            ObjectNode properties = role.putObject("Properties");
            properties.put("RoleName", resources.roleName());
            properties.put("Description", Descriptions.role(trust));
            properties.set("AssumeRolePolicyDocument", TemplateJson.document(trust.policy()));
            ArrayNode arns = properties.putArray("ManagedPolicyArns");
            for (int i = 0; i < policies.size(); i++) {
                // Ref of an AWS::IAM::ManagedPolicy is its ARN.
                arns.addObject().put("Ref", policyId(prefix, i));
            }
        }

        ObjectNode outputs = root.putObject("Outputs");
        for (int i = 0; i < policies.size(); i++) {
            ObjectNode output = outputs.putObject(policyId(prefix, i) + "Arn");
            output.put("Description", "ARN of the managed policy " + resources.policyName(i));
            output.putObject("Value").put("Ref", policyId(prefix, i));
        }
        if (trust != null) {
            ObjectNode output = outputs.putObject(prefix + "RoleArn");
            output.put("Description", Descriptions.roleArn(resources.name()));
            output.putObject("Value")
                    .putArray("Fn::GetAtt")
                    .add(prefix + "Role")
                    .add("Arn");
        }
        return root;
    }

    private static String policyId(String prefix, int index) {
        return prefix + "Policy" + (index + 1);
    }
}
