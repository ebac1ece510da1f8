package dev.leastpriv.cli;

import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.Resource;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyPacking;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.RenderedPolicy;
import dev.leastpriv.policies.StatementExplanation;
import dev.leastpriv.policies.TrustPolicy;
import dev.leastpriv.policies.iac.CloudFormationTemplate;
import dev.leastpriv.policies.iac.IamResources;
import dev.leastpriv.policies.iac.JsonLayout;
import dev.leastpriv.policies.iac.TerraformTemplate;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code leastpriv generate}: the least-privilege policy for a connector. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Write the least-privilege IAM policy a connector needs, or a Terraform or CloudFormation"
                + " template of it. The output goes to stdout (or --out); size, notes and --explain go to stderr.")
final class GenerateCommand implements Callable<Integer> {

    /** The output formats; {@link #toString()} is the name on the command line. */
    enum Format {
        JSON("json"),
        TERRAFORM("terraform"),
        CLOUDFORMATION("cloudformation"),
        CLOUDFORMATION_YAML("cloudformation-yaml");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        /** {@return whether the output is a template that declares IAM resources, rather than a policy document} */
        boolean isTemplate() {
            return this != JSON;
        }

        @Override
        public String toString() {
            return id;
        }

        /** Reads a format by its name, ignoring case, and lists the names (not the constants) when it fails. */
        static final class Converter implements ITypeConverter<Format> {
            @Override
            public Format convert(String value) {
                for (Format format : values()) {
                    if (format.id.equalsIgnoreCase(value)) {
                        return format;
                    }
                }
                throw new TypeConversionException("expected one of "
                        + Arrays.stream(values()).map(Format::toString).collect(Collectors.joining(", ", "[", "]"))
                        + " (case-insensitive) but was '" + value + "'");
            }
        }
    }

    @Spec
    @Nullable
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(
            names = "--format",
            converter = Format.Converter.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: json). terraform writes Terraform JSON"
                    + " syntax (save it as a .tf.json file); cloudformation a CloudFormation template in JSON,"
                    + " cloudformation-yaml in YAML. Templates declare a managed policy per policy and, with"
                    + " --trusted-account or --trusted-principal and --external-id, the role they are attached to.")
    Format format = Format.JSON;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Name of the template's resources: the role NAME, policies NAME-1, NAME-2… (default:"
                    + " leastpriv-<connector>). A letter or _, then letters, digits, _ or -; at most 64.")
    @Nullable
    String name;

    @Mixin
    TrustOptions trustOptions = new TrustOptions();

    @Option(
            names = "--placeholders",
            negatable = true,
            description = "Render <<AWS_REGION>>, <<ACCOUNT_ID>>… for every field not given (documentation template).")
    @Nullable
    Boolean placeholders;

    @Option(
            names = "--compact",
            description = "One line without whitespace instead of AWS's documentation layout (with terraform: the"
                    + " policy strings; with cloudformation: the whole template).")
    boolean compact;

    @Option(
            names = "--out",
            paramLabel = "FILE_OR_DIR",
            description = "Write the output to FILE instead of stdout; an existing directory receives policy-1.json,"
                    + " policy-2.json… and manifest.json (--format json). A regular file is replaced whole or not at"
                    + " all; a symbolic link, FIFO or device is written through.")
    @Nullable
    Path out;

    @Option(
            names = "--max-size",
            paramLabel = "CHARS",
            description = "Largest policy, in characters without whitespace (default and maximum: 6144, the managed"
                    + " policy limit). A larger policy is compacted, then split into managed policies.")
    int maxSize = PolicyLimit.MANAGED.characters();

    @Option(
            names = "--max-policies",
            paramLabel = "N",
            description = "Most managed policies the split may produce (default: 10, the managed policies a role may"
                    + " have attached without a quota increase).")
    int maxPolicies = PolicyPacking.DEFAULT_MAX_POLICIES;

    @Option(names = "--explain", description = "Explain each statement on stderr: features, actions and why.")
    boolean explain;

    @Override
    public Integer call() {
        PrintWriter err = Injected.spec(spec).commandLine().getErr();
        checkFormatOptions();
        checkOut();
        // A set of more than 20 policies can never be attached to one role (IAM's hard quota, even after an
        // increase), so it is refused here rather than written.
        if (maxPolicies < 1 || maxPolicies > PolicyPacking.MAX_POLICIES) {
            throw new InputException(InputRules.invalid(
                    "--max-policies",
                    String.valueOf(maxPolicies),
                    "expected 1 to " + PolicyPacking.MAX_POLICIES + " (IAM attaches at most "
                            + PolicyPacking.MAX_POLICIES + " managed policies to a role, even with a quota increase)"));
        }
        ConfigFile file = connection.configFile();
        PolicyRequest request = connection.request(file, placeholders);
        RenderedPolicy rendered = PolicyRenderer.render(request);
        // Over the limit, the policy is compacted and split; every format takes the same set (issue 5).
        boolean directory = out != null && Files.isDirectory(out);
        // A directory that already holds a set keeps what it holds in place: a new database changes only the
        // policies that receive its ARNs, not every policy after its place in the order.
        PolicySet set = directory && !format.isTemplate() && Files.exists(out.resolve(PolicySetFiles.MANIFEST))
                ? PolicyPacking.repack(PolicySetFiles.readSet(out, "--out"), rendered, maxSize, maxPolicies)
                : PolicyPacking.pack(rendered, maxSize, maxPolicies);
        if (format.isTemplate()) {
            // Config-file trust fields count here, not for --format json: omni.yaml serves generate and trust-policy.
            TrustPolicy trust = trustOptions.trust(file, request.connection().partition(), false);
            String resourceName =
                    name != null ? name : "leastpriv-" + request.profile().id();
            OutputTarget.write(
                    out,
                    template(new IamResources(resourceName, set, trust)),
                    Injected.spec(spec).commandLine().getOut());
        } else if (directory) {
            PolicySetFiles.write(out, set, maxSize, compact);
        } else if (set.policies().size() == 1) {
            Policy policy = set.policies().get(0);
            OutputTarget.write(
                    out,
                    compact ? policy.toCompactJson() + "\n" : policy.toJson(),
                    Injected.spec(spec).commandLine().getOut());
        } else if (out != null) {
            throw new InputException(
                    "the policy is split into " + set.policies().size() + " managed policies; --out"
                            + " must name an existing directory, which receives policy-1.json … policy-"
                            + set.policies().size() + ".json and manifest.json");
        } else {
            // More than one policy on stdout: a JSON array of the documents, each as --format json writes it.
            OutputTarget.write(
                    out,
                    compact ? set.toCompactJson() + "\n" : set.toJson(),
                    Injected.spec(spec).commandLine().getOut());
        }

        rendered.notes().forEach(note -> err.println("leastpriv: note: " + InputRules.printable(note)));
        if (explain) {
            printExplanation(rendered, err);
        }
        printSize(rendered, set, err);
        err.flush();
        return ExitCode.OK.code();
    }

    private void printSize(RenderedPolicy rendered, PolicySet set, PrintWriter err) {
        if (set.policies().size() == 1) {
            err.printf(
                    Locale.ROOT,
                    "leastpriv: policy size %,d of %,d characters (%s limit, whitespace not counted)%n",
                    PolicySize.of(set.policies().get(0)).characters(),
                    maxSize,
                    maxSize == PolicyLimit.MANAGED.characters() ? PolicyLimit.MANAGED.description() : "--max-size");
            return;
        }
        int size = rendered.size().characters();
        err.printf(
                Locale.ROOT,
                "leastpriv: policy size %,d characters exceeds %,d (%s limit, whitespace not counted): split into %d"
                        + " managed policies of %s characters (at least %d needed)%n",
                size,
                maxSize,
                maxSize == PolicyLimit.MANAGED.characters() ? PolicyLimit.MANAGED.description() : "--max-size",
                set.policies().size(),
                set.policies().stream()
                        .map(p -> String.format(
                                Locale.ROOT, "%,d", PolicySize.of(p).characters()))
                        .collect(Collectors.joining(", ")),
                PolicyPacking.minimumPolicies(rendered.policy(), maxSize));
    }

    private String template(IamResources resources) {
        JsonLayout layout = compact ? JsonLayout.COMPACT : JsonLayout.PRETTY;
        return switch (format) {
            case TERRAFORM -> TerraformTemplate.render(resources, layout);
            case CLOUDFORMATION -> CloudFormationTemplate.json(resources, layout);
            case CLOUDFORMATION_YAML -> CloudFormationTemplate.yaml(resources);
            case JSON -> throw new IllegalStateException("json is a policy document, not a template");
        };
    }

    /** Options that only a template uses are errors with a policy document, never silently ignored. */
    private void checkFormatOptions() {
        if (!format.isTemplate() && trustOptions.anyFlag()) {
            throw new InputException("--trusted-account, --trusted-principal and --external-id add a role to a"
                    + " template (--format terraform, cloudformation or cloudformation-yaml); for the role's trust"
                    + " policy as JSON run leastpriv trust-policy");
        }
        if (!format.isTemplate() && name != null) {
            throw new InputException("--name names the resources of a template (--format terraform, cloudformation"
                    + " or cloudformation-yaml); a JSON policy document has no name");
        }
        if (format == Format.CLOUDFORMATION_YAML && compact) {
            throw new InputException(
                    "--compact lays out JSON; use --format cloudformation --compact for a one-line" + " template");
        }
    }

    /** {@code --out} that could only go wrong is refused before anything is rendered or written. */
    private void checkOut() {
        if (out == null) {
            return;
        }
        OutputTarget.requireNamed(out, "a file or directory (use --out . for the current directory)");
        if (format.isTemplate() && Files.isDirectory(out)) {
            throw new InputException("--out \"" + out + "\" is a directory; expected a file (only --format json"
                    + " writes a policy set into a directory)");
        }
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
                action.evidence().forEach(evidence -> err.println("      (" + evidence + ")"));
            }
        }
        err.println();
    }
}
