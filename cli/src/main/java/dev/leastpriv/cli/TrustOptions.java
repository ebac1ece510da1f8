package dev.leastpriv.cli;

import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.ExternalId;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Partition;
import dev.leastpriv.policies.TrustPolicy;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The trusted SaaS principal and its external id, shared by {@code trust-policy}, {@code preflight} and
 * {@code generate} (the role of a Terraform or CloudFormation template).
 */
final class TrustOptions {

    @Option(names = "--trusted-account", description = "12-digit account id of the SaaS tool.")
    @Nullable
    String trustedAccount;

    @Option(
            names = "--trusted-principal",
            paramLabel = "ARN",
            description = "Role or user ARN of the SaaS tool (narrower than --trusted-account).")
    @Nullable
    String trustedPrincipal;

    @Option(names = "--external-id", description = "External id the tool presents (2-1224 characters).")
    @Nullable
    String externalId;

    /** {@return whether any of the three flags is on the command line (config-file fields not counted)} */
    boolean anyFlag() {
        return trustedAccount != null || trustedPrincipal != null || externalId != null;
    }

    /**
     * {@return the trust the flags and {@code file} describe, or null when none of the three fields is given and
     * {@code required} is false}
     *
     * @param partition the partition of the trusted account, or null for {@code aws}; a trusted principal in
     *     another partition is an error
     */
    @Nullable
    TrustPolicy trust(ConfigFile file, @Nullable Partition partition, boolean required) {
        // The two trust fields are one choice: a flag for either replaces the config file's choice.
        boolean flags = trustedAccount != null || trustedPrincipal != null;
        String account = flags ? trustedAccount : file.string("trusted-account").orElse(null);
        String principal =
                flags ? trustedPrincipal : file.string("trusted-principal").orElse(null);
        String id = ConnectionOptions.pick(externalId, file, "external-id", null);
        if (!required && account == null && principal == null && id == null) {
            return null;
        }
        if ((account == null) == (principal == null)) {
            throw new InputException("give exactly one of --trusted-account and --trusted-principal");
        }
        if (id == null) {
            throw new InputException("--external-id is required: without it any principal of the trusted account"
                    + " could assume the role (confused deputy)");
        }
        ExternalId external = ExternalId.of(id);
        if (account != null) {
            AccountId trusted;
            try {
                trusted = AccountId.of(account);
            } catch (IllegalArgumentException e) {
                // A core value type's own message, about the value the user gave for this field.
                throw new InputException(e.getMessage(), e);
            }
            return TrustPolicy.forAccount(partition == null ? Partition.AWS : partition, trusted, external);
        }
        TrustPolicy trust = TrustPolicy.forPrincipal(principal, external);
        // A role cannot trust a principal of another partition; --region/--partition must not be ignored.
        if (partition != null && !partition.equals(trust.trusted().partition())) {
            throw new InputException("trusted-principal " + InputRules.quote(principal) + " is in partition \""
                    + trust.trusted().partition() + "\", which does not match partition " + InputRules.quote(partition)
                    + " from region/partition");
        }
        return trust;
    }
}
