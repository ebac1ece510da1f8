package dev.leastpriv.cli;

import dev.leastpriv.core.Arn;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.validator.probe.ProbeCredentials;
import dev.leastpriv.validator.probe.ProbeOutcome;
import dev.leastpriv.validator.probe.ProbeReport;
import dev.leastpriv.validator.probe.ProbeResult;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Formats a {@link ProbeReport} ({@code preflight --mode probe}): text for people, JSON for programs, JUnit XML for
 * CI dashboards (one test case per call). A denial or a missing name is a finding (exit 1); a call that could not
 * run makes the run inconclusive (exit 3), never a pass.
 */
final class ProbeOutput {

    private final ProbeReport report;

    ProbeOutput(ProbeReport report) {
        this.report = report;
    }

    PreflightOutput.Outcome outcome() {
        if (report.denied()) {
            return PreflightOutput.Outcome.FAIL;
        }
        return report.passed() ? PreflightOutput.Outcome.PASS : PreflightOutput.Outcome.INCONCLUSIVE;
    }

    String text() {
        StringBuilder out = new StringBuilder("Probe of " + OutputText.escape(report.principal()) + " ("
                + (report.principalSource().equals(ProbeCredentials.ASSUMED)
                        ? "a session of the role"
                        : "the caller's credentials")
                + ", probe mode" + (report.queryAllowed() ? ", query allowed" : "") + ")\n");
        for (ProbeResult result : report.results()) {
            String status = result.outcome() == ProbeOutcome.OK
                    ? "ok"
                    : result.outcome().id().toUpperCase(Locale.ROOT);
            out.append(String.format(Locale.ROOT, "  %-10s %-28s ", status, result.action()))
                    .append(OutputText.escape(result.target()))
                    .append(": ")
                    .append(OutputText.escape(result.detail()));
            if (!result.features().isEmpty()) {
                out.append("  [")
                        .append(result.features().stream().map(Feature::id).collect(Collectors.joining(", ")))
                        .append(']');
            }
            out.append('\n');
            if (result.outcome().isFinding() && !result.resources().isEmpty()) {
                out.append("      on ")
                        .append(OutputText.escape(
                                result.resources().stream().map(Arn::toString).collect(Collectors.joining(", "))))
                        .append('\n');
            }
            if (result.errorMessage() != null && result.outcome().isFinding()) {
                out.append("      AWS said: ")
                        .append(OutputText.escape(String.valueOf(result.errorCode())))
                        .append(": ")
                        .append(OutputText.escape(result.errorMessage()))
                        .append('\n');
            }
            if (result.outcome().isFinding()) {
                for (Requirement requirement : result.requirements()) {
                    out.append("      needed by ")
                            .append(requirement.feature().id())
                            .append(" (")
                            .append(requirement.sid())
                            .append("): ")
                            .append(OutputText.escape(requirement.reason()))
                            .append('\n');
                }
            }
            if (result.explanation() != null) {
                // explain's reading of AWS's message: where the fix belongs, and the statements to add
                ExplainOutput.fix(out, result.explanation(), "      ");
            }
        }
        out.append("Not checked by the probe:\n");
        report.caveats()
                .forEach(caveat ->
                        out.append("  - ").append(OutputText.escape(caveat)).append('\n'));
        long ok = report.results(ProbeOutcome.OK).size();
        long made =
                report.results().size() - report.results(ProbeOutcome.SKIPPED).size();
        out.append(outcome())
                .append(": ")
                .append(ok)
                .append(" of ")
                .append(made)
                .append(" calls succeeded");
        for (ProbeOutcome outcome : ProbeOutcome.values()) {
            int count = report.results(outcome).size();
            if (outcome != ProbeOutcome.OK && count > 0) {
                out.append(", ").append(count).append(' ').append(outcome.id());
            }
        }
        return out.append('\n').toString();
    }

    String json() {
        return CliJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("outcome", outcome().name().toLowerCase(Locale.ROOT));
            g.writeStringField("principal", report.principal());
            g.writeStringField("principalSource", report.principalSource());
            g.writeStringField("mode", "probe");
            g.writeBooleanField("queryAllowed", report.queryAllowed());
            g.writeArrayFieldStart("calls");
            for (ProbeResult result : report.results()) {
                g.writeStartObject();
                g.writeStringField("action", result.action().toString());
                g.writeStringField("target", result.target());
                g.writeStringField("outcome", result.outcome().id());
                g.writeStringField("detail", result.detail());
                g.writeArrayFieldStart("resources");
                for (Arn arn : result.resources()) {
                    g.writeString(arn.toString());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("features");
                for (Feature feature : result.features()) {
                    g.writeString(feature.id());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("requirements");
                for (Requirement requirement : result.requirements()) {
                    g.writeStartObject();
                    g.writeStringField("feature", requirement.feature().id());
                    g.writeStringField("sid", requirement.sid());
                    g.writeStringField("reason", requirement.reason());
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (result.errorCode() != null) {
                    g.writeStringField("errorCode", result.errorCode());
                }
                if (result.errorMessage() != null) {
                    g.writeStringField("errorMessage", result.errorMessage());
                }
                if (result.explanation() != null) {
                    g.writeObjectFieldStart("explanation");
                    ExplainOutput.fixFields(g, result.explanation());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("caveats");
            for (String caveat : report.caveats()) {
                g.writeString(caveat);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** JUnit XML: a finding is a {@code failure}, a call that could not run an {@code error}, a skip {@code skipped}. */
    String junit() {
        return JunitXml.suite(
                "leastpriv preflight probe " + report.principal(),
                report.results().size(),
                report.results().stream().filter(r -> r.outcome().isFinding()).count(),
                report.results().stream()
                        .filter(r -> r.outcome().isInconclusive())
                        .count(),
                report.results(ProbeOutcome.SKIPPED).size(),
                xml -> {
                    for (ProbeResult result : report.results()) {
                        String features =
                                result.features().stream().map(Feature::id).collect(Collectors.joining(","));
                        String className = "probe." + (features.isEmpty() ? "sample" : features);
                        String name = result.action() + " on " + result.target();
                        if (result.outcome() == ProbeOutcome.SKIPPED) {
                            JunitXml.skipped(xml, className, name, result.detail());
                            continue;
                        }
                        String message = message(result);
                        JunitXml.testCase(
                                xml,
                                className,
                                name,
                                result.outcome() == ProbeOutcome.OK
                                        ? null
                                        : new JunitXml.Problem(
                                                result.outcome().isFinding(),
                                                result.outcome().id(),
                                                result.detail(),
                                                message == null ? List.of() : List.of(message)));
                    }
                });
    }

    private static @Nullable String message(ProbeResult result) {
        return result.errorMessage() == null ? null : result.errorCode() + ": " + result.errorMessage();
    }
}
