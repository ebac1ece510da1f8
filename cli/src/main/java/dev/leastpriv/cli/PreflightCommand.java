package dev.leastpriv.cli;

import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.TrustPolicy;
import dev.leastpriv.validator.discovery.DiscoveredAccount;
import dev.leastpriv.validator.preflight.Preflight;
import dev.leastpriv.validator.preflight.PreflightReport;
import dev.leastpriv.validator.preflight.PrincipalResolver;
import dev.leastpriv.validator.preflight.ResolvedPrincipal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code leastpriv preflight}: will this live role work for the connector, feature by feature? */
@Command(
        name = "preflight",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Check a live role before ingestion: does it grant what the connector needs?",
            "Resolves the role (--role-arn, or the caller's role) and checks every requirement with IAM's policy"
                    + " simulator (--mode simulate) or by reading the role's policies (--mode fetch). With"
                    + " --trusted-account or --trusted-principal and --external-id it also checks the trust policy."
                    + " Exit 0 if everything passes, 1 if something is missing or denied (the statements to add are"
                    + " printed), 3 if the check could not run or could not decide."
        })
final class PreflightCommand implements Callable<Integer> {

    enum Mode {
        simulate,
        fetch
    }

    enum Format {
        text,
        json,
        junit
    }

    @Spec
    @Nullable
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    TrustOptions trustOptions = new TrustOptions();

    @Option(names = "--role-arn", paramLabel = "ARN", description = "The connector's role (default: the caller's).")
    @Nullable
    String roleArn;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "AWS profile (default: the SDK's credential chain).")
    @Nullable
    String profile;

    @Option(
            names = "--mode",
            description = "simulate: ask iam:SimulatePrincipalPolicy (sees boundaries and SCPs); fetch: read the"
                    + " role's policies and evaluate them offline (default: simulate).")
    Mode mode = Mode.simulate;

    @Option(names = "--format", description = "Output: ${COMPLETION-CANDIDATES} (default: text).")
    Format format = Format.text;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    @Nullable
    Path out;

    @Option(
            names = "--discover",
            description = "First read what the account says (workgroup, catalogs, databases when all were asked for,"
                    + " results bucket, KMS keys, Lake Formation, and the enabled workgroups when usage or lineage"
                    + " read query history) and check the connection it describes.")
    boolean discover;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Time limit of one attempt of one AWS call (default: 20); calls are retried up to "
                    + AwsClients.MAX_ATTEMPTS + " attempts.")
    int timeoutSeconds = 20;

    @Override
    public Integer call() {
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            throw new ParameterException(
                    Injected.spec(spec).commandLine(),
                    "--timeout \"" + timeoutSeconds + "\" is not valid: expected 1 to 600 seconds");
        }
        ConfigFile file = connection.configFile();
        // With --discover, KMS aliases are resolved to key ARNs in the account; without it they are rejected.
        PolicyRequest request = connection.request(file, null, discover).requireValues("preflight");
        TrustPolicy trust = trustOptions.trust(file, request.connection().partition(), false);
        PrintWriter err = Injected.spec(spec).commandLine().getErr();
        PreflightReport report;
        DiscoveredAccount discovered = null;
        RequirementSet requirements;
        String region = request.connection().region().name();
        try (AwsClients aws = AwsClients.create(
                request.connection().partition(), region, profile, Duration.ofSeconds(timeoutSeconds))) {
            if (discover) {
                progress(
                        err, "discovering the workgroup, catalogs, databases, results bucket, keys and Lake Formation");
                discovered = aws.discovery().discover(request, connection.kmsAliases(file));
                request = PolicyRequest.of(
                        discovered.applyTo(request.connection()), request.profile(), request.features());
            }
            requirements = RequirementSet.of(request);
            progress(err, "resolving the principal");
            ResolvedPrincipal principal =
                    PrincipalResolver.create(aws.sts, aws.iam).resolve(roleArn);
            Preflight preflight = Preflight.of(
                            mode == Mode.simulate ? Preflight.Mode.SIMULATE : Preflight.Mode.FETCH, aws.iam)
                    .withProgress(message -> progress(err, message));
            if (trust != null) {
                preflight =
                        preflight.withTrust(trust.trusted(), trust.externalId().value());
            }
            report = preflight.run(principal, requirements);
        }
        PreflightOutput output = new PreflightOutput(report, requirements, discovered);
        String text = switch (format) {
            case text -> output.text();
            case json -> output.json();
            case junit -> output.junit();
        };
        OutputTarget.write(out, text, Injected.spec(spec).commandLine().getOut());
        return output.outcome().exitCode().code();
    }

    private static void progress(PrintWriter err, String message) {
        err.println("leastpriv: " + message + "…");
        err.flush();
    }
}
