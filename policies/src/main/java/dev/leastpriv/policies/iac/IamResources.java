package dev.leastpriv.policies.iac;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.InputRules;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.TrustPolicy;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The IAM resources a template declares for one connector: managed policy {@code <name>-1}, {@code <name>-2}… per
 * policy of the set, and with a trust policy the role {@code <name>} that they are attached to.
 *
 * <pre>{@code
 * IamResources resources = IamResources.withRole("leastpriv-omni", PolicySet.of(rendered.policy()), trust);
 * String tf = TerraformTemplate.render(resources, JsonLayout.PRETTY);
 * }</pre>
 *
 * <p>The name is used unchanged as the role name, the policy-name prefix and the Terraform resource-name prefix,
 * and in PascalCase as the CloudFormation logical-id prefix, so it must be valid for all four: a letter or
 * {@code _}, then letters, digits, {@code _} or {@code -}, at most 64 characters (an IAM role name's limit).
 */
public record IamResources(
        String name, PolicySet policies, @Nullable TrustPolicy trust) {

    /**
     * Terraform identifiers ({@code [A-Za-z_][A-Za-z0-9_-]*}) within IAM role and policy names
     * ({@code [\w+=,.@-]{1,64}} and {@code {1,128}}): {@code + = , . @} are valid in IAM but not in Terraform.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    static final String NAME_RULE = "expected a letter or '_', then letters, digits, '_' or '-', at most 64"
            + " characters (an IAM role name and a Terraform resource name)";

    public IamResources {
        checkNotNull(name, "name");
        checkNotNull(policies, "policies");
        InputRules.check(NAME.matcher(name).matches(), "name", name, NAME_RULE);
    }

    /** {@return the managed policies of {@code policies}, without a role} */
    public static IamResources of(String name, PolicySet policies) {
        return new IamResources(name, policies, null);
    }

    /** {@return the managed policies of {@code policies} attached to a role that {@code trust} lets assume} */
    public static IamResources withRole(String name, PolicySet policies, TrustPolicy trust) {
        return new IamResources(name, policies, checkNotNull(trust, "trust"));
    }

    /** {@return the IAM name of policy {@code index} (from 0): {@code <name>-1}, {@code <name>-2}…} */
    public String policyName(int index) {
        checkArgument(
                index >= 0 && index < policies.policies().size(),
                "policy index %s is outside the set of %s",
                index,
                policies.policies().size());
        return name + "-" + (index + 1);
    }

    /** {@return the IAM name of the role: the name itself} */
    public String roleName() {
        return name;
    }

    /** {@return the name in PascalCase without '-' and '_', for CloudFormation's alphanumeric logical ids} */
    String logicalIdPrefix() {
        StringBuilder id = new StringBuilder();
        for (String part : name.split("[-_]+")) {
            if (!part.isEmpty()) {
                id.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return id.toString();
    }
}
