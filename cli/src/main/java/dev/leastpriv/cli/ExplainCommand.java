package dev.leastpriv.cli;

import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.explain.AccessDenied;
import dev.leastpriv.policies.explain.AccessDeniedParser;
import dev.leastpriv.policies.explain.DenialReport;
import dev.leastpriv.policies.explain.Explain;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leastpriv explain}: which feature an AccessDenied message breaks, whose policy blocks it, what to change. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Explain AWS AccessDenied messages against what a connector needs, offline.",
            "For each distinct message (given as arguments, or found in --file LOG): the requirements it breaks"
                    + " (feature, Sid, evidence) or that the connector does not need it, where the fix belongs, and"
                    + " the statements to add when the role's identity policy lacks them. Exit 0 when every message"
                    + " is explained (a statement to add, or nothing to grant), 1 when some need a change outside the"
                    + " role's identity policy or name too little to tell, 2 when the input holds no AccessDenied"
                    + " message."
        })
final class ExplainCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    @Spec
    @Nullable
    CommandSpec spec;

    @Parameters(paramLabel = "MESSAGE", arity = "0..*", description = "AccessDenied message text, repeatable.")
    List<String> messages = new ArrayList<>();

    @Option(
            names = "--file",
            paramLabel = "LOG",
            description = "Log file to read the messages from (- for stdin), at most 16 MiB.")
    @Nullable
    String file;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--format", description = "Output: ${COMPLETION-CANDIDATES} (default: text).")
    Format format = Format.text;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    @Nullable
    Path out;

    @Override
    public Integer call() {
        if (messages.isEmpty() && file == null) {
            throw new InputException(
                    "no input: give the AccessDenied message as an argument, or --file LOG" + " (- for stdin)");
        }
        PolicyRequest request =
                connection.request(connection.configFile(), null).requireValues("explaining an AccessDenied message");
        StringBuilder input = new StringBuilder(String.join("\n", messages));
        if (file != null) {
            input.append('\n').append(read(file));
        }
        List<AccessDenied> denials = AccessDeniedParser.parse(input, AccessDeniedParser.MAX_DENIALS + 1);
        // A log with more distinct messages than a report shows: the rest are not explained, so never exit 0.
        boolean truncated = denials.size() > AccessDeniedParser.MAX_DENIALS;
        if (truncated) {
            denials = denials.subList(0, AccessDeniedParser.MAX_DENIALS);
        }
        if (denials.isEmpty()) {
            throw new InputException("the input holds no AccessDenied message: expected AWS's \"… is not authorized"
                    + " to perform: <action> …\", S3's \"Access Denied\" or \"Forbidden\", or Athena's \"Insufficient"
                    + " permissions\"");
        }
        DenialReport report = Explain.explain(request, denials);
        String rendered = switch (format) {
            case text -> ExplainOutput.text(report, truncated);
            case json -> ExplainOutput.json(report, truncated);
        };
        OutputTarget.write(out, rendered, Injected.spec(spec).commandLine().getOut());
        return report.explained() && !truncated ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }

    /**
     * {@return the log's text}: decoded as UTF-8 with bytes that are not UTF-8 replaced, because a log is no document
     * to refuse: one stray byte in a day of output must not hide the messages around it
     */
    private static String read(String file) {
        byte[] bytes;
        if (file.equals("-")) {
            InputStream in = System.in;
            bytes = InputFiles.bytes(in, "--file - (stdin)", InputFiles.LOG_LIMIT);
        } else {
            bytes = InputFiles.bytes(Path.of(file), "--file", InputFiles.LOG_LIMIT);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
