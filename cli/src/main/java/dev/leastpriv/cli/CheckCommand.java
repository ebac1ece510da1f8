package dev.leastpriv.cli;

import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.check.CheckReport;
import dev.leastpriv.policies.check.PolicyCheck;
import dev.leastpriv.policies.check.PolicyInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leastpriv check}: does this policy let the connector work, and what does it grant beyond that? */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Check policies offline against what a connector needs.",
            "Coverage of every requirement, lint findings (error, security-warning, warning, suggestion) with file"
                    + " locations, and what the policies allow beyond the requirements. Exit 0 when every requirement"
                    + " is allowed and there is no error finding, 1 otherwise."
        })
final class CheckCommand implements Callable<Integer> {

    enum Format {
        text,
        json,
        sarif
    }

    @Spec
    @Nullable
    CommandSpec spec;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            required = true,
            description = "Identity policy, repeatable; a directory written by generate --out DIR stands for its"
                    + " policy set.")
    List<Path> policies = new ArrayList<>();

    @Option(names = "--boundary", paramLabel = "FILE", description = "Permissions boundary of the role.")
    @Nullable
    Path boundary;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--format", description = "Output: ${COMPLETION-CANDIDATES} (default: text).")
    Format format = Format.text;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    @Nullable
    Path out;

    @Override
    public Integer call() {
        PolicyRequest request =
                connection.request(connection.configFile(), null).requireValues("check");
        RequirementSet requirements = RequirementSet.of(request);
        List<Requirement> required = requirements.requirements();
        List<PolicyInput> inputs = new ArrayList<>();
        for (Path file : policies) {
            if (Files.isDirectory(file)) {
                for (Path member : PolicySetFiles.read(file, "--policy")) {
                    inputs.add(read(member, "--policy"));
                }
            } else {
                inputs.add(read(file, "--policy"));
            }
        }
        PolicyInput boundaryInput = boundary == null ? null : read(boundary, "--boundary");

        CheckReport report = PolicyCheck.create(ActionCatalog.standard()).check(inputs, boundaryInput, required);
        String rendered = switch (format) {
            case text -> CheckOutput.text(report, request);
            case json -> CheckOutput.json(report);
            case sarif ->
                CheckOutput.sarif(report, Version.current(), inputs.get(0).name());
        };
        OutputTarget.write(out, rendered, Injected.spec(spec).commandLine().getOut());
        return report.passed() ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }

    private static PolicyInput read(Path file, String option) {
        return new PolicyInput(file.toString(), InputFiles.read(file, option));
    }
}
