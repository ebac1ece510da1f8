package dev.leastpriv.cli;

import dev.leastpriv.core.ExternalId;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.TrustPolicy;
import dev.leastpriv.validator.discovery.DiscoveredAccount;
import dev.leastpriv.validator.preflight.Preflight;
import dev.leastpriv.validator.preflight.PreflightReport;
import dev.leastpriv.validator.preflight.PrincipalResolver;
import dev.leastpriv.validator.preflight.ResolvedPrincipal;
import dev.leastpriv.validator.probe.Probe;
import dev.leastpriv.validator.probe.ProbeCredentials;
import dev.leastpriv.validator.probe.ProbeReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
                    + " --mode probe instead makes the connector's own read-only calls with the role's credentials"
                    + " (it assumes --role-arn, with --external-id if given); --allow-query adds one SELECT 1."
                    + " Exit 0 if everything passes, 1 if something is missing or denied (the statements to add are"
                    + " printed), 3 if the check could not run or could not decide."
        })
final class PreflightCommand implements Callable<Integer> {

    enum Mode {
        simulate,
        fetch,
        probe
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
                    + " role's policies and evaluate them offline; probe: make the connector's own read-only calls"
                    + " as the role (sees Lake Formation, KMS, RCPs and Athena's own checks) (default: simulate).")
    Mode mode = Mode.simulate;

    @Option(
            names = "--allow-query",
            description = "With --mode probe: also run SELECT 1 in the workgroup with the session database (billed as"
                    + " a minimum scan), then read its state and results.")
    boolean allowQuery;

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
        if (allowQuery && mode != Mode.probe) {
            throw new ParameterException(
                    Injected.spec(spec).commandLine(),
                    "--allow-query runs a query in the live probe: it needs --mode probe");
        }
        if (mode == Mode.probe) {
            return probe();
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
        write(output::text, output::json, output::junit);
        return output.outcome().exitCode().code();
    }

    /** {@code --mode probe}: the connector's own calls, made with the role's credentials. */
    private int probe() {
        if (discover || trustOptions.trustedAccount != null || trustOptions.trustedPrincipal != null) {
            // The probe reports calls, not a discovered connection or a trust policy: those are the other modes'.
            throw new ParameterException(
                    Injected.spec(spec).commandLine(),
                    "--mode probe makes the connector's calls; --discover, --trusted-account and --trusted-principal"
                            + " belong to --mode simulate or fetch (--external-id is used to assume --role-arn)");
        }
        ConfigFile file = connection.configFile();
        PolicyRequest request = connection.request(file, null, false).requireValues("preflight");
        String given = ConnectionOptions.pick(trustOptions.externalId, file, "external-id", null);
        // The same rule as the trust policy's external id: 2-1224 characters of its alphabet.
        String externalId = given == null ? null : ExternalId.of(given).value();
        RequirementSet requirements = RequirementSet.of(request);
        PrintWriter err = Injected.spec(spec).commandLine().getErr();
        ProbeReport report;
        try (AwsClients aws = AwsClients.create(
                request.connection().partition(),
                request.connection().region().name(),
                profile,
                Duration.ofSeconds(timeoutSeconds))) {
            progress(err, roleArn == null ? "reading the caller's identity" : "assuming the role");
            ProbeCredentials credentials = aws.probeCredentials(roleArn, externalId);
            Probe probe = aws.probe(credentials).withProgress(message -> progress(err, message));
            report = (allowQuery ? probe.allowQuery() : probe).run(credentials, requirements);
        }
        ProbeOutput output = new ProbeOutput(report);
        write(output::text, output::json, output::junit);
        return output.outcome().exitCode().code();
    }

    /** Writes the report in the format asked for, to {@code --out} or stdout. */
    private void write(Supplier<String> text, Supplier<String> json, Supplier<String> junit) {
        String report = switch (format) {
            case text -> text.get();
            case json -> json.get();
            case junit -> junit.get();
        };
        OutputTarget.write(out, report, Injected.spec(spec).commandLine().getOut());
    }

    private static void progress(PrintWriter err, String message) {
        err.println("leastpriv: " + message + "…");
        err.flush();
    }
}
