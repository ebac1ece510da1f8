package dev.leastpriv.cli;

import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.Resource;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.RenderedPolicy;
import dev.leastpriv.policies.StatementExplanation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leastpriv generate}: the least-privilege policy for a connector. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Write the least-privilege IAM policy a connector needs. The policy goes to stdout (or --out);"
                + " size, notes and --explain go to stderr.")
final class GenerateCommand implements Callable<Integer> {

    enum Format {
        json
    }

    @Spec
    @Nullable
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--format", description = "Output format: ${COMPLETION-CANDIDATES} (default: json).")
    Format format = Format.json;

    @Option(
            names = "--placeholders",
            negatable = true,
            description = "Render <<AWS_REGION>>, <<ACCOUNT_ID>>… for every field not given (documentation template).")
    @Nullable
    Boolean placeholders;

    @Option(names = "--compact", description = "One line without whitespace instead of AWS's documentation layout.")
    boolean compact;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the policy to FILE instead of stdout.")
    @Nullable
    Path out;

    @Option(names = "--explain", description = "Explain each statement on stderr: features, actions and why.")
    boolean explain;

    @Override
    public Integer call() {
        PrintWriter err = Main.spec(spec).commandLine().getErr();
        RenderedPolicy rendered = PolicyRenderer.render(connection.request(connection.configFile(), placeholders));
        String json = compact
                ? rendered.policy().toCompactJson() + "\n"
                : rendered.policy().toJson();
        OutputTarget.write(out, json, Main.spec(spec).commandLine().getOut());

        rendered.notes().forEach(note -> err.println("leastpriv: note: " + note));
        if (explain) {
            printExplanation(rendered, err);
        }
        int size = rendered.size().characters();
        rendered.exceededLimit()
                .ifPresentOrElse(
                        limit -> err.printf(
                                Locale.ROOT,
                                "leastpriv: warning: policy size %,d characters exceeds the %s limit of %,d"
                                        + " (whitespace not counted)%s%n",
                                size,
                                limit.description(),
                                limit.characters(),
                                rendered.size().fits(PolicyLimit.ROLE_INLINE)
                                        ? "; it fits the role inline limit of "
                                                + String.format(
                                                        Locale.ROOT, "%,d", PolicyLimit.ROLE_INLINE.characters())
                                        : ""),
                        () -> err.printf(
                                Locale.ROOT,
                                "leastpriv: policy size %,d of %,d characters (%s limit, whitespace not counted)%n",
                                size,
                                PolicyLimit.MANAGED.characters(),
                                PolicyLimit.MANAGED.description()));
        err.flush();
        return ExitCode.OK.code();
    }

    private static void printExplanation(RenderedPolicy rendered, PrintWriter err) {
        for (StatementExplanation statement : rendered.explanations()) {
            err.println();
            err.println(statement.sid() + " on "
                    + statement.resources().stream().map(Resource::toString).collect(Collectors.joining(", ")));
            for (StatementExplanation.ActionReason action : statement.actions()) {
                err.println("  " + action.action() + "  ["
                        + action.features().stream().map(Feature::id).collect(Collectors.joining(", ")) + "]");
                action.reasons().forEach(reason -> err.println("      " + reason));
            }
        }
        err.println();
    }
}
