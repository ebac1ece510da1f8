package dev.leastpriv.cli;

import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.check.CheckReport;
import dev.leastpriv.policies.check.PolicyCheck;
import dev.leastpriv.policies.check.PolicyInput;
import dev.leastpriv.policies.check.Severity;
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
            "Check policies offline against what a connector needs, or lint them alone.",
            "Coverage of every requirement, lint findings (error, security-warning, warning, suggestion) with file"
                    + " locations, and what the policies allow beyond the requirements. With no connection flag and"
                    + " no --config, only the lint runs. Exit 0 when every requirement is allowed and no finding is"
                    + " at the --fail-on severity or above, 1 otherwise."
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

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            description = "Lowest finding severity that fails the check: error, security-warning, warning or never"
                    + " (default: security-warning, so an administrator policy fails).")
    String failOn = "security-warning";

    @Override
    public Integer call() {
        Severity threshold = threshold(failOn);
        // No connection given: lint only. A connection flag or --config means coverage is wanted, and then the
        // connection must be complete (requireValues), never silently dropped.
        boolean lintOnly = lintOnly();
        PolicyRequest request = lintOnly
                ? null
                : connection.request(connection.configFile(), null).requireValues("check");
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

        PolicyCheck check = PolicyCheck.create(ActionCatalog.standard());
        CheckReport report = request == null
                ? check.lint(inputs, boundaryInput)
                : check.check(inputs, boundaryInput, RequirementSet.of(request).requirements());
        boolean passed = report.passed(threshold);
        String rendered = switch (format) {
            case text -> CheckOutput.text(report, request, passed);
            case json -> CheckOutput.json(report, passed, failOn);
            case sarif ->
                CheckOutput.sarif(report, Version.current(), inputs.get(0).name());
        };
        OutputTarget.write(out, rendered, Injected.spec(spec).commandLine().getOut());
        return passed ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }

    /** {@return the severity that fails the check, or null for never} */
    private static @Nullable Severity threshold(String failOn) {
        if (failOn.equals("never")) {
            return null;
        }
        for (Severity severity : Severity.values()) {
            if (severity != Severity.SUGGESTION && severity.jsonValue().equals(failOn)) {
                return severity;
            }
        }
        throw new InputException(
                InputRules.invalid("--fail-on", failOn, "expected error, security-warning, warning or never"));
    }

    /** {@return whether no option of the connection (nor --config) was given} */
    private boolean lintOnly() {
        CommandSpec command = Injected.spec(spec);
        CommandSpec mixin = command.mixins().get("connection");
        return command.commandLine().getParseResult().matchedOptions().stream()
                .noneMatch(option -> mixin.options().stream()
                        .anyMatch(own -> own.longestName().equals(option.longestName())));
    }

    private static PolicyInput read(Path file, String option) {
        byte[] bytes = InputFiles.bytes(file, option, InputFiles.POLICY_LIMIT);
        try {
            return new PolicyInput(file.toString(), InputFiles.decode(bytes));
        } catch (InputFiles.NotUtf8 e) {
            // Reported like malformed JSON (a finding at its place, exit 1): IAM reads neither.
            return PolicyInput.unreadable(
                    file.toString(),
                    new PolicyInput.Unreadable("Not UTF-8 text: " + e.getMessage(), e.line(), e.column()));
        }
    }
}
