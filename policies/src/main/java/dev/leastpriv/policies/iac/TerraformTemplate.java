package dev.leastpriv.policies.iac;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Policy;
import dev.leastpriv.policies.TrustPolicy;

/**
 * A Terraform configuration in JSON syntax (a {@code .tf.json} file) that declares {@link IamResources}: an
 * {@code aws_iam_policy} per policy of the set and, with a trust policy, an {@code aws_iam_role} and an
 * {@code aws_iam_role_policy_attachment} per policy, plus outputs with their ARNs.
 *
 * <pre>{@code
 * Files.writeString(Path.of("connector.tf.json"), TerraformTemplate.render(resources, JsonLayout.PRETTY));
 * }</pre>
 *
 * <p>Resource names: policy {@code i} (from 1) is {@code aws_iam_policy.<name>_<i>} named {@code <name>-<i>}; the
 * role is {@code aws_iam_role.<name>} named {@code <name>}; attachment {@code i} is
 * {@code aws_iam_role_policy_attachment.<name>_<i>}. Outputs: {@code <name>_policy_arns} and
 * {@code <name>_role_arn}.
 *
 * <p>A policy document is a JSON string whose text is {@link dev.leastpriv.core.Policy#toJson()}:
 * {@link Policy#toJson()}, or {@link Policy#toCompactJson()} for {@link JsonLayout#COMPACT}. One difference is
 * unavoidable: Terraform reads every string of a JSON configuration as a template, so each {@code ${} (an IAM
 * policy variable such as {@code ${aws:username}}) is written {@code $${} and each {@code %{} is written
 * {@code %%{}; Terraform reads them back as the original text
 * (<a href="https://developer.hashicorp.com/terraform/language/expressions/strings">strings and templates</a>).
 * The file itself is always in the pretty layout and ends in a newline.
 */
public final class TerraformTemplate {

    private TerraformTemplate() {}

    /** {@return the configuration; same resources and layout, same bytes} */
    public static String render(IamResources resources, JsonLayout documents) {
        checkNotNull(resources, "resources");
        checkNotNull(documents, "documents");
        String name = resources.name();
        ImmutableList<Policy> policies = resources.policies().policies();
        TrustPolicy trust = resources.trust();

        ObjectNode root = TemplateJson.object();
        ObjectNode resource = root.putObject("resource");
        ObjectNode policyResources = resource.putObject("aws_iam_policy");
        for (int i = 0; i < policies.size(); i++) {
            ObjectNode policy = policyResources.putObject(policyLabel(name, i));
            policy.put("name", literal(resources.policyName(i)));
            policy.put("description", literal(Descriptions.policy(i)));
            policy.put("policy", literal(TemplateJson.text(policies.get(i), documents)));
        }
        if (trust != null) {
            ObjectNode role = resource.putObject("aws_iam_role").putObject(name);
            role.put("name", literal(resources.roleName()));
            role.put("description", literal(Descriptions.role(trust)));
            role.put("assume_role_policy", literal(TemplateJson.text(trust.policy(), documents)));
            ObjectNode attachments = resource.putObject("aws_iam_role_policy_attachment");
            for (int i = 0; i < policies.size(); i++) {
                ObjectNode attachment = attachments.putObject(policyLabel(name, i));
                attachment.put("role", reference("aws_iam_role", name, "name"));
                attachment.put("policy_arn", reference("aws_iam_policy", policyLabel(name, i), "arn"));
            }
        }

        ObjectNode outputs = root.putObject("output");
        ObjectNode policyArns = outputs.putObject(name + "_policy_arns");
        policyArns.put("description", literal(Descriptions.policyArns(name)));
        ArrayNode arns = policyArns.putArray("value");
        for (int i = 0; i < policies.size(); i++) {
            arns.add(reference("aws_iam_policy", policyLabel(name, i), "arn"));
        }
        if (trust != null) {
            ObjectNode roleArn = outputs.putObject(name + "_role_arn");
            roleArn.put("description", literal(Descriptions.roleArn(name)));
            roleArn.put("value", reference("aws_iam_role", name, "arn"));
        }
        return TemplateJson.json(root, JsonLayout.PRETTY);
    }

    /**
     * {@return {@code text} escaped so that Terraform's template reading gives {@code text} back}: {@code ${}
     * becomes {@code $${} and {@code %{} becomes {@code %%{}; every other character stands for itself
     */
    static String literal(String text) {
        return text.replace("${", "$${").replace("%{", "%%{");
    }

    /** {@return the Terraform resource name of policy {@code index} (from 0) and of its attachment} */
    static String policyLabel(String name, int index) {
        return name + "_" + (index + 1);
    }

    /** {@return an interpolation of {@code <type>.<label>.<attribute>}} */
    private static String reference(String type, String label, String attribute) {
        return "${" + type + "." + label + "." + attribute + "}";
    }
}
