package dev.leastpriv.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Resource;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.check.CheckReport;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.policies.check.Finding;
import dev.leastpriv.policies.check.OverGrant;
import dev.leastpriv.policies.check.Severity;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Formats a {@link CheckReport} as text, JSON or SARIF 2.1.0. */
final class CheckOutput {

    private CheckOutput() {}

    /**
     * @param request the connection checked against, or null for a lint-only run
     * @param passed the verdict at the chosen --fail-on severity
     */
    static String text(CheckReport report, @Nullable PolicyRequest request, boolean passed) {
        // Every line goes through line(): values read from the policy files (actions, resources, Sids, file names,
        // parser messages) can hold newlines or escape codes, which must never start a line of their own.
        StringBuilder out = new StringBuilder();
        if (request == null) {
            line(out, "Coverage: not checked (lint only: no connection given)");
        } else {
            line(
                    out,
                    "Coverage (" + request.profile().id() + ": "
                            + request.features().stream().map(Feature::id).collect(Collectors.joining(", ")) + ")");
        }
        for (Coverage coverage : report.coverage()) {
            out.append(coverageLine(coverage.isAllowed() ? "ok     " : "MISSING", coverage, true));
        }
        line(out, report.findings().isEmpty() ? "Findings: none" : "Findings");
        for (Finding finding : report.findings()) {
            line(
                    out,
                    "  " + finding.severity().jsonValue() + ' ' + finding.code() + "  " + finding.file() + ':'
                            + finding.line() + ':' + finding.column() + ' '
                            + (finding.pointer().isEmpty() ? "/" : finding.pointer()) + "  " + finding.message());
        }
        line(out, report.overGrants().isEmpty() ? "Over-grant: none" : "Over-grant (allowed beyond the requirements)");
        for (OverGrant grant : report.overGrants()) {
            String where = "  " + grant.file() + " " + grant.pointer()
                    + (grant.sid() == null ? "" : " (Sid " + grant.sid() + ")") + ": ";
            String on =
                    " on " + grant.resources().stream().map(Resource::toString).collect(Collectors.joining(", "));
            if (!grant.actions().isEmpty()) {
                line(out, where + String.join(", ", grant.actions()) + on);
            }
            if (!grant.widerThanRequired().isEmpty()) {
                // Never an invitation to delete a needed permission: these are required, on fewer resources.
                line(
                        out,
                        where + String.join(", ", grant.widerThanRequired()) + on
                                + " (required, but on fewer resources: keep the actions, narrow the resources)");
            }
        }
        long allowed = report.coverage().stream().filter(Coverage::isAllowed).count();
        Map<Severity, Long> counts = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            counts.put(
                    severity,
                    report.findings().stream()
                            .filter(f -> f.severity() == severity)
                            .count());
        }
        line(
                out,
                (passed ? "PASS" : "FAIL") + ": " + allowed + " of "
                        + report.coverage().size()
                        + " requirements allowed; "
                        + counts.entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey().jsonValue() + (e.getValue() == 1 ? "" : "s"))
                                .collect(Collectors.joining(", "))
                        + "; " + report.overGrants().size() + " over-granting statement"
                        + (report.overGrants().size() == 1 ? "" : "s"));
        return out.toString();
    }

    /** Appends {@code text} as one line, with anything that could break the line or the terminal escaped. */
    static void line(StringBuilder out, String text) {
        out.append(InputRules.printable(text)).append('\n');
    }

    /**
     * {@return one coverage line: status, feature, action, and the resources (allowed) or the first resource not
     * allowed with the reason}
     */
    static String coverageLine(String status, Coverage coverage, boolean withDecision) {
        String detail = coverage.isAllowed()
                ? coverage.requirement().resources().stream()
                        .map(Resource::toString)
                        .collect(Collectors.joining(", "))
                : coverage.deniedResource() + ": "
                        + (withDecision ? coverage.decision().jsonValue() + ", " : "")
                        + coverage.explanation();
        StringBuilder out = new StringBuilder();
        line(
                out,
                "  " + status + "  " + coverage.requirement().feature() + "  "
                        + coverage.requirement().action() + " on " + detail);
        if (!coverage.isAllowed()) {
            // What is missing says why the tool needs it, so a reviewer can weigh the grant before adding it.
            line(out, "           needed: " + coverage.requirement().reason());
            line(out, "           evidence: " + coverage.requirement().evidence());
        }
        return out.toString();
    }

    static String json(CheckReport report, boolean passed, String failOn) {
        return CliJson.write(g -> {
            g.writeStartObject();
            g.writeBooleanField("passed", passed);
            g.writeStringField("failOn", failOn);
            g.writeArrayFieldStart("coverage");
            for (Coverage coverage : report.coverage()) {
                g.writeStartObject();
                g.writeStringField("feature", coverage.requirement().feature().id());
                g.writeStringField("action", coverage.requirement().action().toString());
                g.writeArrayFieldStart("resources");
                for (Resource resource : coverage.requirement().resources()) {
                    g.writeString(resource.pattern());
                }
                g.writeEndArray();
                g.writeStringField("decision", coverage.decision().jsonValue());
                if (coverage.deniedResource() != null) {
                    g.writeStringField("deniedResource", coverage.deniedResource());
                }
                g.writeStringField("explanation", coverage.explanation());
                g.writeStringField("reason", coverage.requirement().reason());
                g.writeStringField("evidence", coverage.requirement().evidence().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding finding : report.findings()) {
                g.writeStartObject();
                g.writeStringField("severity", finding.severity().jsonValue());
                g.writeStringField("code", finding.code());
                g.writeStringField("message", finding.message());
                g.writeStringField("file", finding.file());
                g.writeStringField("pointer", finding.pointer());
                g.writeNumberField("line", finding.line());
                g.writeNumberField("column", finding.column());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("overGrants");
            for (OverGrant grant : report.overGrants()) {
                g.writeStartObject();
                g.writeStringField("file", grant.file());
                g.writeStringField("pointer", grant.pointer());
                if (grant.sid() != null) {
                    g.writeStringField("sid", grant.sid());
                }
                g.writeArrayFieldStart("actions");
                for (String action : grant.actions()) {
                    g.writeString(action);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("widerThanRequired");
                for (String action : grant.widerThanRequired()) {
                    g.writeString(action);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("resources");
                for (Resource resource : grant.resources()) {
                    g.writeString(resource.pattern());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * SARIF 2.1.0: one result per finding and per missing requirement, each with a file location. A missing
     * requirement has no place in any file; it is anchored at line 1 of {@code policyFile}, the first identity policy,
     * because GitHub code scanning rejects the whole file when one result has no location.
     */
    static String sarif(CheckReport report, String version, String policyFile) {
        return CliJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "leastpriv");
            g.writeStringField("version", version);
            g.writeStringField("informationUri", "https://github.com/leastpriv/leastpriv");
            g.writeArrayFieldStart("rules");
            Map<String, Severity> rules = new LinkedHashMap<>();
            for (Finding finding : report.findings()) {
                rules.putIfAbsent(finding.code(), finding.severity());
            }
            if (!report.missing().isEmpty()) {
                rules.putIfAbsent("MISSING_PERMISSION", Severity.ERROR);
            }
            for (Map.Entry<String, Severity> rule : rules.entrySet()) {
                g.writeStartObject();
                g.writeStringField("id", rule.getKey());
                g.writeObjectFieldStart("shortDescription");
                g.writeStringField(
                        "text", rule.getKey().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                g.writeEndObject();
                g.writeObjectFieldStart("defaultConfiguration");
                g.writeStringField("level", level(rule.getValue()));
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (Finding finding : report.findings()) {
                result(
                        g,
                        finding.code(),
                        finding.severity(),
                        finding.message(),
                        finding.file(),
                        finding.line(),
                        finding.column());
            }
            for (Coverage coverage : report.missing()) {
                result(
                        g,
                        "MISSING_PERMISSION",
                        Severity.ERROR,
                        coverage.requirement().feature() + ": "
                                + coverage.requirement().action() + " is "
                                + coverage.decision().jsonValue() + " on "
                                + coverage.deniedResource() + " (" + coverage.explanation() + ")",
                        policyFile,
                        1,
                        1);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void result(
            JsonGenerator g, String rule, Severity severity, String message, String file, int line, int column)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", rule);
        g.writeStringField("level", level(severity));
        g.writeObjectFieldStart("message");
        g.writeStringField("text", message);
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", file.replace('\\', '/'));
        g.writeEndObject();
        g.writeObjectFieldStart("region");
        g.writeNumberField("startLine", line);
        g.writeNumberField("startColumn", column);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case SECURITY_WARNING, WARNING -> "warning";
            case SUGGESTION -> "note";
        };
    }
}
