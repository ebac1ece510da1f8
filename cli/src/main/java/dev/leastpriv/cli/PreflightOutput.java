package dev.leastpriv.cli;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.policies.check.ResourceResult;
import dev.leastpriv.policies.check.Verdict;
import dev.leastpriv.validator.discovery.DiscoveredAccount;
import dev.leastpriv.validator.discovery.DiscoveryFinding;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import dev.leastpriv.validator.preflight.ExcessGrant;
import dev.leastpriv.validator.preflight.PreflightReport;
import dev.leastpriv.validator.preflight.TrustResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Formats a {@link PreflightReport} and what discovery found: text for people, JSON for programs, JUnit XML for CI
 * dashboards (one test case per requirement, trust probe and discovery finding). Requirements line up with the
 * report's coverage one to one, in order, so the fix for each missing one is rendered by the generator itself.
 */
final class PreflightOutput {

    /** The overall outcome and its exit code: a definite problem outranks an undecided one. */
    enum Outcome {
        PASS(ExitCode.OK),
        FAIL(ExitCode.FINDINGS),
        INCONCLUSIVE(ExitCode.COULD_NOT_RUN);

        private final ExitCode exitCode;

        Outcome(ExitCode exitCode) {
            this.exitCode = exitCode;
        }

        ExitCode exitCode() {
            return exitCode;
        }
    }

    private final PreflightReport report;
    private final RequirementSet requirements;
    private final @Nullable DiscoveredAccount discovered;

    PreflightOutput(PreflightReport report, RequirementSet requirements, @Nullable DiscoveredAccount discovered) {
        this.report = report;
        this.requirements = requirements;
        this.discovered = discovered;
    }

    /**
     * {@return FAIL when something is missing or denied or discovery found an error; INCONCLUSIVE when something
     * could not be decided or discovered (a denied or failed discovery call); else PASS}
     */
    Outcome outcome() {
        if (report.denied()
                || (discovered != null && !discovered.findings(Level.ERROR).isEmpty())) {
            return Outcome.FAIL;
        }
        boolean discoveryIncomplete = discovered != null
                && discovered.findings().stream().anyMatch(f -> f.kind() != DiscoveryFinding.Kind.FACT);
        return report.passed() && !discoveryIncomplete ? Outcome.PASS : Outcome.INCONCLUSIVE;
    }

    private List<String> caveats() {
        List<String> caveats = new ArrayList<>(report.caveats());
        if (discovered != null) {
            caveats.addAll(discovered.caveats());
        }
        return caveats;
    }

    /** {@return the statements that grant what is missing, or null when nothing is} */
    @Nullable
    String fix() {
        // A large fix (many databases) is split like generate's output: one document, or an array of them.
        return report.fix(requirements.request())
                .map(set -> set.policies().size() == 1 ? set.policies().get(0).toJson() : set.toJson())
                .orElse(null);
    }

    String text() {
        StringBuilder out = new StringBuilder(
                "Preflight of " + OutputText.escape(report.principal().arn().toString()) + " ("
                        + report.mode().id() + " mode)\n");
        for (Coverage coverage : escaped(report.coverage())) {
            String status =
                    coverage.isAllowed() ? "ok" : coverage.verdict().jsonValue().toUpperCase(Locale.ROOT);
            out.append(CheckOutput.coverageLine(String.format(Locale.ROOT, "%-22s", status), coverage, false));
            int more = coverage.failures().size() - 1;
            if (more > 0) {
                out.append("      and ")
                        .append(more)
                        .append(" more resource")
                        .append(more == 1 ? "" : "s")
                        .append(" not passing\n");
            }
        }
        if (!report.trust().isEmpty()) {
            out.append("Trust policy (sts:AssumeRole)\n");
            for (TrustResult probe : report.trust()) {
                out.append(String.format(Locale.ROOT, "  %-22s", probe.ok() ? "ok" : "WRONG"))
                        .append(OutputText.escape(probe.who()))
                        .append(": ")
                        .append(outcome(probe))
                        .append(" (")
                        .append(OutputText.escape(probe.explanation()))
                        .append(")\n");
            }
        }
        if (!report.excess().isEmpty()) {
            out.append("Grants far beyond what any connector needs (each fails the run)\n");
            for (ExcessGrant grant : report.excess()) {
                out.append(String.format(Locale.ROOT, "  %-22s", "EXCESS"))
                        .append(OutputText.escape(grant.grant()))
                        .append(" in ")
                        .append(OutputText.escape(grant.source()))
                        .append(": ")
                        .append(OutputText.escape(grant.explanation()))
                        .append('\n');
            }
        }
        if (discovered != null) {
            out.append("Discovered (")
                    .append(discovered.complete() ? "complete" : "INCOMPLETE")
                    .append(")\n");
            for (DiscoveryFinding finding : discovered.findings()) {
                String status = finding.kind() == DiscoveryFinding.Kind.FACT
                        ? finding.level().name()
                        : finding.kind().name();
                out.append(String.format(Locale.ROOT, "  %-22s", status))
                        .append(OutputText.escape(finding.call()))
                        .append("  ")
                        .append(OutputText.escape(finding.message()))
                        .append('\n');
            }
            if (!discovered.uncoveredHistoryWorkgroups().isEmpty()) {
                out.append("  The connector reads the query history of workgroups the connection does not name; they")
                        .append(" were checked too. Name them so generate grants them: --history-workgroup ")
                        .append(OutputText.escape(String.join(",", discovered.uncoveredHistoryWorkgroups())))
                        .append(" (config key history-workgroup)\n");
            }
        }
        out.append("Not checked (outside what IAM's simulation sees):\n");
        caveats()
                .forEach(caveat ->
                        out.append("  - ").append(OutputText.escape(caveat)).append('\n'));
        String fix = fix();
        if (fix != null) {
            out.append("Add these statements to the role to fix what is missing:\n")
                    .append(fix);
        }
        long passed = report.coverage().stream().filter(Coverage::isAllowed).count();
        out.append(outcome())
                .append(": ")
                .append(passed)
                .append(" of ")
                .append(report.coverage().size())
                .append(" requirements pass");
        for (Verdict verdict : Verdict.values()) {
            long count = report.coverage().stream()
                    .filter(c -> c.verdict() == verdict)
                    .count();
            if (verdict != Verdict.PASS && count > 0) {
                out.append(", ").append(count).append(' ').append(verdict.jsonValue());
            }
        }
        long wrongTrust = report.trust().stream().filter(t -> !t.ok()).count();
        if (wrongTrust > 0) {
            out.append(", ")
                    .append(wrongTrust)
                    .append(" trust probe")
                    .append(wrongTrust == 1 ? "" : "s")
                    .append(" wrong");
        }
        if (!report.excess().isEmpty()) {
            out.append(", ")
                    .append(report.excess().size())
                    .append(" excess grant")
                    .append(report.excess().size() == 1 ? "" : "s");
        }
        return out.append('\n').toString();
    }

    String json() {
        return CliJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("outcome", outcome().name().toLowerCase(Locale.ROOT));
            g.writeStringField("principal", report.principal().arn().toString());
            g.writeStringField("mode", report.mode().id());
            g.writeNumberField("simulationRequests", report.simulationRequests());
            g.writeArrayFieldStart("requirements");
            for (Coverage coverage : report.coverage()) {
                g.writeStartObject();
                g.writeStringField("feature", coverage.requirement().feature().id());
                g.writeStringField("action", coverage.requirement().action().toString());
                g.writeStringField("verdict", coverage.verdict().jsonValue());
                g.writeStringField("reason", coverage.requirement().reason());
                g.writeArrayFieldStart("resources");
                for (ResourceResult result : coverage.results()) {
                    g.writeStartObject();
                    g.writeStringField("resource", result.resource());
                    g.writeStringField("verdict", result.verdict().jsonValue());
                    g.writeStringField("decision", result.decision().jsonValue());
                    g.writeStringField("explanation", result.explanation());
                    if (!result.missingContextKeys().isEmpty()) {
                        g.writeArrayFieldStart("missingContextKeys");
                        for (String key : result.missingContextKeys()) {
                            g.writeString(key);
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("trust");
            for (TrustResult probe : report.trust()) {
                g.writeStartObject();
                g.writeStringField("who", probe.who());
                g.writeStringField("principal", probe.principal());
                g.writeBooleanField("shouldAllow", probe.shouldAllow());
                g.writeStringField("decision", probe.decision().jsonValue());
                g.writeBooleanField("decided", probe.decided());
                g.writeBooleanField("ok", probe.ok());
                g.writeStringField("explanation", probe.explanation());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("excessGrants");
            for (ExcessGrant grant : report.excess()) {
                g.writeStartObject();
                g.writeStringField("grant", grant.grant());
                g.writeStringField("source", grant.source());
                g.writeStringField("explanation", grant.explanation());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (discovered != null) {
                g.writeObjectFieldStart("discovery");
                g.writeBooleanField("complete", discovered.complete());
                // The enabled workgroups the connector reads that the configuration does not name (checked too).
                g.writeArrayFieldStart("uncoveredHistoryWorkgroups");
                for (String workgroup : discovered.uncoveredHistoryWorkgroups()) {
                    g.writeString(workgroup);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("findings");
                for (DiscoveryFinding finding : discovered.findings()) {
                    g.writeStartObject();
                    g.writeStringField("level", finding.level().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("kind", finding.kind().name().toLowerCase(Locale.ROOT));
                    g.writeStringField("call", finding.call());
                    g.writeStringField("message", finding.message());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeArrayFieldStart("caveats");
            for (String caveat : caveats()) {
                g.writeString(caveat);
            }
            g.writeEndArray();
            String fix = fix();
            if (fix != null) {
                g.writeFieldName("fix");
                g.writeRawValue(fix.strip());
            }
            g.writeEndObject();
        });
    }

    /**
     * JUnit XML as CI dashboards read it (the Ant/Surefire schema): a definite denial is a {@code failure}, an
     * unknown an {@code error}, so a dashboard never shows an undecided requirement as green.
     */
    String junit() {
        long failures =
                report.coverage().stream().filter(c -> c.verdict().isDenial()).count()
                        + report.trust().stream().filter(t -> !t.ok()).count()
                        + report.excess().size();
        long errors = report.coverage().stream().filter(Coverage::isUnknown).count();
        List<DiscoveryFinding> findings = discovered == null ? List.of() : discovered.findings();
        failures += findings.stream().filter(f -> f.level() == Level.ERROR).count();
        errors += findings.stream()
                .filter(f -> f.level() != Level.ERROR && f.kind() != DiscoveryFinding.Kind.FACT)
                .count();
        long tests = report.coverage().size()
                + report.trust().size()
                + report.excess().size()
                + findings.size();
        return JunitXml.suite("leastpriv preflight " + report.principal().arn(), tests, failures, errors, 0, xml -> {
            for (Coverage coverage : escaped(report.coverage())) {
                String resources = coverage.requirement().resources().size() == 1
                        ? coverage.requirement().resources().get(0).pattern()
                        : coverage.requirement().resources().size() + " resources";
                Verdict verdict = coverage.verdict();
                JunitXml.testCase(
                        xml,
                        coverage.requirement().feature().id(),
                        coverage.requirement().action() + " on " + resources,
                        verdict == Verdict.PASS
                                ? null
                                : new JunitXml.Problem(
                                        verdict.isDenial(),
                                        verdict.jsonValue(),
                                        verdict.jsonValue() + " on " + coverage.deniedResource() + ": "
                                                + coverage.explanation(),
                                        coverage.failures().stream()
                                                .map(r -> r.resource() + ": "
                                                        + r.verdict().jsonValue() + ", " + r.explanation())
                                                .toList()));
            }
            for (TrustResult probe : report.trust()) {
                JunitXml.testCase(
                        xml,
                        "trust-policy",
                        "sts:AssumeRole by " + probe.who(),
                        probe.ok()
                                ? null
                                : new JunitXml.Problem(
                                        true,
                                        "trust-policy",
                                        outcome(probe) + " (" + probe.explanation() + ")",
                                        List.of("principal: " + probe.principal())));
            }
            for (ExcessGrant grant : report.excess()) {
                JunitXml.testCase(
                        xml,
                        "excess-grant",
                        grant.grant() + " in " + grant.source(),
                        new JunitXml.Problem(true, "excess-grant", grant.explanation(), List.of()));
            }
            for (DiscoveryFinding finding : findings) {
                boolean error = finding.level() == Level.ERROR;
                boolean undecided = finding.kind() != DiscoveryFinding.Kind.FACT;
                JunitXml.testCase(
                        xml,
                        "discovery",
                        finding.call() + ": " + finding.message(),
                        error || undecided
                                ? new JunitXml.Problem(
                                        error,
                                        "discovery-" + finding.kind().name().toLowerCase(Locale.ROOT),
                                        finding.message(),
                                        List.of())
                                : null);
            }
        });
    }

    /** {@return what a probe decided, and what it must decide when that is wrong} */
    private static String outcome(TrustResult probe) {
        String decided = !probe.decided() ? "not decided" : probe.decision().isAllowed() ? "allowed" : "denied";
        return decided + (probe.ok() ? "" : probe.shouldAllow() ? ", must be allowed" : ", must be denied");
    }

    /** The coverage with explanations (they quote policy names and IAM's answers) safe to print. */
    private static List<Coverage> escaped(List<Coverage> coverage) {
        return coverage.stream()
                .map(c -> new Coverage(
                        c.requirement(),
                        c.results().stream()
                                .map(r -> new ResourceResult(
                                        r.resource(),
                                        r.verdict(),
                                        r.decision(),
                                        OutputText.escape(r.explanation()),
                                        r.missingContextKeys()))
                                .collect(ImmutableList.toImmutableList())))
                .toList();
    }
}
