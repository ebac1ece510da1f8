package dev.leastpriv.cli;

import com.google.common.collect.ImmutableMap;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.InvalidInputException;
import java.io.FileDescriptor;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The {@code leastpriv} command: subcommands, exit codes, and error messages without stack traces. */
@Command(
        name = "leastpriv",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Least-privilege IAM policies for Athena connectors.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:findings (missing permissions, lint errors)",
            "2:bad usage or input (nothing written)",
            "3:could not run"
        })
public final class Main implements Callable<Integer> {

    /**
     * The subcommands by name, in the order of the usage text. Added per run rather than listed in {@code @Command}:
     * picocli reflects over every option of a subcommand when it is added, so a run that starts with a subcommand's
     * name builds only that one, about 30 ms (8 %) less for {@code generate} and {@code check} with the AppCDS
     * archive on the project machine; any other run (no arguments, {@code --help}, a misspelt name) builds them all.
     */
    static final ImmutableMap<String, Supplier<Object>> SUBCOMMANDS = ImmutableMap.of(
            "generate", GenerateCommand::new,
            "trust-policy", TrustPolicyCommand::new,
            "check", CheckCommand::new,
            "simulate", SimulateCommand::new,
            "preflight", PreflightCommand::new,
            "explain", ExplainCommand::new);

    @Spec
    @Nullable
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(ConsoleWriter.of(FileDescriptor.out), ConsoleWriter.of(FileDescriptor.err), args));
    }

    /**
     * Runs {@code args} with the given streams and returns the exit code; used by {@link #main} and tests. A write
     * to either stream that failed (a full disk, a closed pipe) makes a run that would have succeeded or reported
     * findings exit 3: its output is incomplete, so it is no answer.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        @Nullable String first = args.length == 0 ? null : args[0];
        int code = commandLine(out, err, first).execute(args);
        // checkError flushes first; each stream is checked whatever the other did
        boolean outFailed = out.checkError();
        boolean errFailed = err.checkError();
        if (outFailed) {
            String reason = out instanceof ConsoleWriter console ? console.failure() : null;
            String command = first != null && SUBCOMMANDS.containsKey(first) ? "leastpriv " + first : "leastpriv";
            err.println(command + ": could not run: cannot write to stdout" + (reason == null ? "" : ": " + reason));
            err.flush();
        }
        if ((outFailed || errFailed) && code < ExitCode.USAGE.code()) {
            return ExitCode.COULD_NOT_RUN.code();
        }
        return code;
    }

    /** {@return the command line with the subcommand {@code first} names, or with all when it names none} */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, @Nullable String first) {
        CommandLine cli = new CommandLine(new Main());
        Supplier<Object> named = first == null ? null : SUBCOMMANDS.get(first);
        if (named != null) {
            cli.addSubcommand(first, named.get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        // after the subcommands: picocli applies these settings to the subcommands present when they are set
        return cli.setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::handle)
                .setParameterExceptionHandler(Main::handleUsage);
    }

    @Override
    public Integer call() {
        CommandLine cli = Injected.spec(spec).commandLine();
        cli.usage(cli.getErr());
        return ExitCode.USAGE.code();
    }

    /** Maps failures to exit codes: bad input 2, could not run 3; never a stack trace. */
    static int handle(Exception e, CommandLine cli, @Nullable ParseResult parsed) {
        PrintWriter err = cli.getErr();
        String prefix = "leastpriv " + cli.getCommandName() + ": ";
        // Only input the user gave is bad usage: the CLI's own checks and the library's InvalidInputException. Any
        // other
        // IllegalArgumentException is a defect, reported as one rather than blamed on the user.
        if (e instanceof InputException || e instanceof InvalidInputException) {
            err.println(prefix + "error: " + InputRules.printable(FlagHints.of(String.valueOf(e.getMessage()))));
            err.flush();
            return ExitCode.USAGE.code();
        }
        if (e instanceof dev.leastpriv.validator.ValidatorException) {
            err.println(
                    prefix + "could not run: " + InputRules.printable(FlagHints.of(String.valueOf(e.getMessage()))));
            err.flush();
            return ExitCode.COULD_NOT_RUN.code();
        }
        if (e instanceof software.amazon.awssdk.core.exception.SdkException) {
            err.println(
                    prefix + "could not run: AWS call failed: " + InputRules.printable(String.valueOf(e.getMessage())));
            err.flush();
            return ExitCode.COULD_NOT_RUN.code();
        }
        if (e instanceof UncheckedIOException io) {
            err.println(prefix + "could not run: "
                    + InputRules.printable(String.valueOf(io.getCause().getMessage())));
            err.flush();
            return ExitCode.COULD_NOT_RUN.code();
        }
        err.println(prefix + "internal error (please report it): " + InputRules.printable(String.valueOf(e)));
        err.flush();
        return ExitCode.COULD_NOT_RUN.code();
    }

    /** A usage error: the message and where to find help, not the whole help text. */
    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        // picocli quotes the argument as given: a newline or escape code in it must not start a line of its own.
        err.println(InputRules.printable(String.valueOf(e.getMessage())));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
