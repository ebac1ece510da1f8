package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private static final String USAGE = """
            Usage: leastpriv [-hV] [COMMAND]
            Least-privilege IAM policies for Athena connectors.
              -h, --help      Show this help message and exit.
              -V, --version   Print version information and exit.
            Commands:
              generate      Write the least-privilege IAM policy a connector needs, or a
                              Terraform or CloudFormation template of it. The output goes
                              to stdout (or --out); size, notes and --explain go to stderr.
              trust-policy  Write the trust policy of a role that a SaaS tool (e.g. Omni)
                              assumes from its own account: sts:AssumeRole for one
                              principal, only with the external id.
              check         Check policies offline against what a connector needs, or lint
                              them alone.
              simulate      Decide requests against policies offline, with AWS's evaluation
                              rules.
              preflight     Check a live role before ingestion: does it grant what the
                              connector needs?
              explain       Explain AWS AccessDenied messages against what a connector
                              needs, offline.

            Exit codes:
              0   ok
              1   findings (missing permissions, lint errors)
              2   bad usage or input (nothing written)
              3   could not run
            """;

    @Test
    void execute_noSubcommand_printsUsageToStderrAndExitsWithUsageError() {
        var run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(USAGE);
    }

    @Test
    void execute_help_printsUsageToStdoutAndExitsZero() {
        var run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(USAGE);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void execute_version_printsLeastprivAndMavenVersion() throws IOException {
        String version = mavenVersion();

        var run = CliRun.of("--version");

        assertThat(version).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("leastpriv " + version + "\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void execute_subcommandVersion_printsSameVersion() {
        var top = CliRun.of("-V");

        var generate = CliRun.of("generate", "--version");
        var trustPolicy = CliRun.of("trust-policy", "-V");

        assertThat(generate).isEqualTo(top);
        assertThat(trustPolicy).isEqualTo(top);
    }

    @Test
    void execute_subcommandHelp_printsOptionsAndExitsZero() {
        var run = CliRun.of("generate", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: leastpriv generate [-hV] ")
                .contains("      --[no-]placeholders", "      --results=S3_URI", "      --explain");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void execute_unknownSubcommand_exitsWithUsageErrorAndSuggestion() {
        var run = CliRun.of("trust-polcy");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Unmatched argument at index 0: 'trust-polcy'\nDid you mean: ");
    }

    @Test
    void execute_optionGivenTwice_exitsWithUsageError() {
        var run = CliRun.of("generate", "--region", "eu-west-1", "--region", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("option '--region' (<region>) should be specified only once\n"
                        + "Try 'leastpriv generate --help' for more information.\n");
    }

    @Test
    void subcommands_eachName_isTheCommandsOwnName() {
        Main.SUBCOMMANDS.forEach((name, command) ->
                assertThat(new CommandLine(command.get()).getCommandName()).isEqualTo(name));
    }

    @Test
    void commandLine_firstArgument_buildsOnlyTheSubcommandItNames() {
        var out = new PrintWriter(new StringWriter());

        assertThat(Main.commandLine(out, out, "check").getSubcommands()).containsOnlyKeys("check");
        assertThat(Main.commandLine(out, out, "--help").getSubcommands().keySet())
                .containsExactly("generate", "trust-policy", "check", "simulate", "preflight", "explain");
        assertThat(Main.commandLine(out, out, null).getSubcommands()).hasSize(6);
    }

    @Test
    void commandLine_oneSubcommand_writesWhatTheFullCommandTreeWrites() {
        for (String name : Main.SUBCOMMANDS.keySet()) {
            for (String[] args : List.of(
                    new String[] {name, "--help"},
                    new String[] {name, "--no-such-option"},
                    new String[] {name, "--region"},
                    new String[] {name, "-V"})) {
                var alone = run(name, args);
                var withAll = run(null, args);

                assertThat(alone).as(String.join(" ", args)).isEqualTo(withAll);
            }
        }
    }

    @Test
    void code_eachExitCode_matchesDocumentedNumber() {
        var codes = ExitCode.values();

        assertThat(codes).extracting(ExitCode::code).containsExactly(0, 1, 2, 3);
        assertThat(codes).containsExactly(ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE, ExitCode.COULD_NOT_RUN);
    }

    private static CliRun run(@Nullable String first, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var outWriter = new PrintWriter(out);
        var errWriter = new PrintWriter(err);

        int code = Main.commandLine(outWriter, errWriter, first).execute(args);

        outWriter.flush();
        errWriter.flush();
        return new CliRun(code, out.toString(), err.toString());
    }

    private static String mavenVersion() throws IOException {
        var properties = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            assertThat(in).as("version.properties on the class path").isNotNull();
            properties.load(in);
        }
        return properties.getProperty("version", "");
    }

    @Test
    void handle_libraryInputError_isBadUsage_butAnyOtherIllegalArgumentIsAnInternalError() {
        StringWriter err = new StringWriter();
        CommandLine generate = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err), "generate")
                .getSubcommands()
                .get("generate");

        int input = Main.handle(new InvalidInputException("region \"x\" is not valid: expected …"), generate, null);
        int defect = Main.handle(new IllegalArgumentException("Requirement has no resources"), generate, null);

        assertThat(input).isEqualTo(2);
        assertThat(defect).isEqualTo(3);
        assertThat(err.toString())
                .contains("leastpriv generate: error: region \"x\" is not valid")
                .contains("leastpriv generate: internal error (please report it): java.lang.IllegalArgumentException:"
                        + " Requirement has no resources");
    }
}
