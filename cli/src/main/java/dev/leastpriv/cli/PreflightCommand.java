package dev.leastpriv.cli;

import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.validator.Coverage;
import dev.leastpriv.validator.Preflight;
import dev.leastpriv.validator.PreflightReport;
import dev.leastpriv.validator.PrincipalResolver;
import dev.leastpriv.validator.RequiredAccess;
import dev.leastpriv.validator.ResolvedPrincipal;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leastpriv preflight}: will this live role work for the connector, feature by feature? */
@Command(
        name = "preflight",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Check a live role before ingestion: does it grant what the connector needs?",
            "Resolves the role (--role-arn, or the caller's role), reads its policies (fetch mode) and evaluates every"
                    + " requirement. Exit 0 if all are allowed, 1 if some are missing (the statements to add are"
                    + " printed), 3 if the check could not run or could not decide."
        })
final class PreflightCommand implements Callable<Integer> {

    enum Mode {
        fetch
    }

    @Spec
    @Nullable
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

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
            description = "fetch: read the role's policies and evaluate them offline (simulate mode comes next).")
    Mode mode = Mode.fetch;

    @Override
    public Integer call() {
        PolicyRequest request = connection.request(connection.configFile(), null);
        RequirementSet requirements = RequirementSet.of(request);
        List<RequiredAccess> required = CheckOutput.requiredAccess(requirements);
        PrintWriter out = Main.spec(spec).commandLine().getOut();
        PrintWriter err = Main.spec(spec).commandLine().getErr();
        PreflightReport report;
        String region = request.connection().region().name();
        try (AwsClients aws = AwsClients.create(request.connection().partition(), region, profile)) {
            err.println("leastpriv: resolving the principal…");
            err.flush();
            ResolvedPrincipal principal =
                    PrincipalResolver.create(aws.sts, aws.iam).resolve(roleArn);
            err.println("leastpriv: reading the policies of " + principal.arn() + "…");
            err.flush();
            report = Preflight.fetch(aws.iam).run(principal, required);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new dev.leastpriv.validator.ValidatorException("AWS call failed: " + e.getMessage(), e);
        }
        out.print(text(report, requirements));
        out.flush();
        if (report.passed()) {
            return ExitCode.OK.code();
        }
        return report.inconclusive() ? ExitCode.COULD_NOT_RUN.code() : ExitCode.FINDINGS.code();
    }

    private static String text(PreflightReport report, RequirementSet requirements) {
        StringBuilder out =
                new StringBuilder("Preflight of " + report.principal().arn() + " (" + report.mode() + " mode)\n");
        List<Requirement> missing = new ArrayList<>();
        for (int i = 0; i < report.coverage().size(); i++) {
            Coverage coverage = report.coverage().get(i);
            String status = coverage.isAllowed() ? "ok     " : coverage.isUnknown() ? "UNKNOWN" : "MISSING";
            out.append(CheckOutput.coverageLine(status, coverage, false));
            if (!coverage.isAllowed() && !coverage.isUnknown()) {
                missing.add(requirements.requirements().get(i));
            }
        }
        out.append("Not checked (outside IAM policies):\n");
        report.caveats().forEach(caveat -> out.append("  - ").append(caveat).append('\n'));
        if (!missing.isEmpty()) {
            RequirementSet fix = new RequirementSet(
                    requirements.request(),
                    com.google.common.collect.ImmutableList.copyOf(missing),
                    com.google.common.collect.ImmutableList.of());
            out.append("Add these statements to the role to fix what is missing:\n")
                    .append(PolicyRenderer.render(fix).policy().toJson());
        }
        long allowed = report.coverage().stream().filter(Coverage::isAllowed).count();
        out.append(report.passed() ? "PASS" : report.inconclusive() ? "INCONCLUSIVE" : "FAIL")
                .append(": ")
                .append(allowed)
                .append(" of ")
                .append(report.coverage().size())
                .append(" requirements allowed\n");
        return out.toString();
    }
}
