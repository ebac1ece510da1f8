package dev.leastpriv.cli;

import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.TrustPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leastpriv trust-policy}: the trust policy of a role a SaaS tool assumes with an external id. */
@Command(
        name = "trust-policy",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Write the trust policy of a role that a SaaS tool (e.g. Omni) assumes from its own account:"
                + " sts:AssumeRole for one principal, only with the external id.")
final class TrustPolicyCommand implements Callable<Integer> {

    @Spec
    @Nullable
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON file with the fields below.")
    @Nullable
    Path config;

    @Mixin
    TrustOptions trustOptions = new TrustOptions();

    @Option(names = "--partition", description = "Partition of the trusted account (default: from --region, or aws).")
    @Nullable
    String partition;

    @Option(names = "--region", description = "Region, used only to derive the partition.")
    @Nullable
    String region;

    @Option(names = "--compact", description = "One line without whitespace instead of AWS's documentation layout.")
    boolean compact;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the policy to FILE instead of stdout.")
    @Nullable
    Path out;

    @Override
    public Integer call() {
        ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.read(config);
        TrustPolicy trust = trustOptions.trust(file, partition(file), true);
        Policy policy = trust.policy();
        OutputTarget.write(
                out,
                compact ? policy.toCompactJson() + "\n" : policy.toJson(),
                Injected.spec(spec).commandLine().getOut());
        PolicySize size = PolicySize.of(policy);
        var err = Injected.spec(spec).commandLine().getErr();
        err.printf(
                Locale.ROOT,
                "leastpriv: %s size %,d of %,d characters%n",
                PolicyLimit.TRUST.description(),
                size.characters(),
                PolicyLimit.TRUST.characters());
        err.flush();
        return ExitCode.OK.code();
    }

    /**
     * {@return the partition from --partition and --region, or null if neither is given}; the two are checked
     * against each other with the library's rule.
     */
    private @Nullable Partition partition(ConfigFile file) {
        String explicit = ConnectionOptions.pick(partition, file, "partition", null);
        String regionName = ConnectionOptions.pick(region, file, "region", null);
        if (explicit == null && regionName == null) {
            return null;
        }
        Connection.Builder connection = Connection.builder();
        ConnectionOptions.ifPresent(explicit, connection::partition);
        ConnectionOptions.ifPresent(regionName, connection::region);
        return connection.build().partition();
    }
}
