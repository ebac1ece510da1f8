package dev.leastpriv.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.leastpriv.core.Resource;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.explain.AccessDenied;
import dev.leastpriv.policies.explain.AccessDeniedParser;
import dev.leastpriv.policies.explain.DenialExplanation;
import dev.leastpriv.policies.explain.DenialExplanation.Outcome;
import dev.leastpriv.policies.explain.DenialReport;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Formats a {@link DenialReport} as text or JSON. */
final class ExplainOutput {

    private ExplainOutput() {}

    /**
     * {@return the report as text}
     *
     * @param truncated the input held more distinct messages than the report shows
     */
    static String text(DenialReport report, boolean truncated) {
        // Every line goes through CheckOutput.line: the messages come from logs, and a newline, escape code or bidi
        // control in them must never start a line of its own (a forged "EXPLAINED", a CI workflow command).
        StringBuilder out = new StringBuilder();
        PolicyRequest request = report.request();
        CheckOutput.line(
                out,
                "AccessDenied messages against " + request.profile().id() + " ("
                        + request.features().stream().map(Feature::id).collect(Collectors.joining(", "))
                        + "), account " + request.connection().account() + ", "
                        + request.connection().region());
        int n = 0;
        for (DenialExplanation e : report.explanations()) {
            AccessDenied d = e.denial();
            out.append('\n');
            CheckOutput.line(
                    out,
                    ++n + ". "
                            + (d.action() == null
                                    ? "(no action named)"
                                    : d.action().toString()) + (d.resource() == null ? "" : " on " + d.resource()));
            CheckOutput.line(out, "   message: " + d.text());
            String seen = d.errorCode() == null && d.operation() == null
                    ? ""
                    : " (" + (d.errorCode() == null ? "" : d.errorCode())
                            + (d.operation() == null ? "" : (d.errorCode() == null ? "" : ", ") + d.operation())
                            + ")";
            CheckOutput.line(out, "   cause: " + d.cause().description() + seen);
            if (d.policyArn() != null) {
                CheckOutput.line(out, "   policy: " + d.policyArn());
            }
            if (d.principal() != null) {
                CheckOutput.line(out, "   principal: " + d.principal());
            }
            String label = e.outcome() == Outcome.UNDETERMINED ? "   may be: " : "   needed by: ";
            for (Requirement r : e.requirements()) {
                CheckOutput.line(
                        out, label + r.feature() + "  " + r.action() + " (Sid " + r.sid() + "): " + r.reason());
                CheckOutput.line(out, "              evidence: " + r.evidence());
                label = "   " + " ".repeat(label.length() - 3);
            }
            fix(out, e, "   ");
        }
        out.append('\n');
        if (truncated) {
            CheckOutput.line(
                    out,
                    String.format(
                            Locale.ROOT,
                            "note: the input holds more than %,d distinct AccessDenied messages: these are the first"
                                    + " %,d found, the rest were not read (split the log to see them)",
                            AccessDeniedParser.MAX_DENIALS,
                            AccessDeniedParser.MAX_DENIALS));
        }
        CheckOutput.line(
                out,
                verdict(report, truncated) + ": "
                        + report.explanations().size()
                        + " distinct AccessDenied message"
                        + (report.explanations().size() == 1 ? "" : "s") + "; "
                        + report.count(Outcome.GRANT) + " grant, " + report.count(Outcome.NOT_NEEDED)
                        + " not needed, " + report.count(Outcome.ELSEWHERE) + " to fix elsewhere, "
                        + report.count(Outcome.UNDETERMINED) + " undetermined");
        return out.toString();
    }

    /**
     * Appends the outcome, where the fix belongs and what it is, the notes and the statements to add, each line
     * indented by {@code indent}; shared with the probe, whose denied calls carry the same explanation.
     */
    static void fix(StringBuilder out, DenialExplanation e, String indent) {
        CheckOutput.line(
                out,
                indent + e.outcome().id().toUpperCase(Locale.ROOT) + " ("
                        + e.location().description() + "): " + e.fix());
        for (String note : e.notes()) {
            CheckOutput.line(out, indent + "note: " + note);
        }
        String grant = document(e.grant());
        if (grant != null) {
            CheckOutput.line(out, indent + "statements to add:");
            for (String line : grant.strip().split("\n", -1)) {
                CheckOutput.line(out, indent + line);
            }
        }
    }

    /**
     * EXPLAINED (exit 0); FIX ELSEWHERE when every message is explained but some need a change outside the role's
     * identity-based policy (exit 1); NOT EXPLAINED when some message names too little to tell or was not read
     * (exit 1).
     */
    private static String verdict(DenialReport report, boolean truncated) {
        if (truncated) {
            return "NOT EXPLAINED";
        }
        if (report.explained()) {
            return "EXPLAINED";
        }
        return report.count(Outcome.UNDETERMINED) > 0 ? "NOT EXPLAINED" : "FIX ELSEWHERE";
    }

    static String json(DenialReport report, boolean truncated) {
        return CliJson.write(g -> {
            g.writeStartObject();
            g.writeBooleanField("explained", report.explained() && !truncated);
            g.writeBooleanField("truncated", truncated);
            g.writeStringField("connector", report.request().profile().id());
            strings(
                    g,
                    "features",
                    report.request().features().stream().map(Feature::id).toList());
            g.writeArrayFieldStart("denials");
            for (DenialExplanation e : report.explanations()) {
                denial(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void denial(JsonGenerator g, DenialExplanation e) throws IOException {
        AccessDenied d = e.denial();
        g.writeStartObject();
        optional(g, "action", d.action() == null ? null : d.action().toString());
        optional(g, "resource", d.resource());
        optional(g, "principal", d.principal());
        optional(g, "role", d.role().orElse(null));
        g.writeStringField("cause", d.cause().id());
        optional(g, "policyArn", d.policyArn());
        optional(g, "errorCode", d.errorCode());
        optional(g, "operation", d.operation());
        g.writeStringField("text", d.text());
        g.writeStringField("outcome", e.outcome().id());
        g.writeStringField("fixLocation", e.location().id());
        g.writeStringField("fix", e.fix());
        g.writeArrayFieldStart(e.outcome() == Outcome.UNDETERMINED ? "candidates" : "requirements");
        for (Requirement r : e.requirements()) {
            g.writeStartObject();
            g.writeStringField("feature", r.feature().id());
            g.writeStringField("action", r.action().toString());
            g.writeStringField("sid", r.sid());
            strings(
                    g,
                    "resources",
                    r.resources().stream().map(Resource::pattern).toList());
            g.writeStringField("reason", r.reason());
            g.writeStringField("evidence", r.evidence().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "neededWith", e.neededWith());
        notesAndStatements(g, e);
        g.writeEndObject();
    }

    /**
     * Writes the fields of {@code e} beyond the denial and its requirements: outcome, fixLocation, fix, notes and
     * statements; the probe writes a denied call's explanation with these.
     */
    static void fixFields(JsonGenerator g, DenialExplanation e) throws IOException {
        g.writeStringField("outcome", e.outcome().id());
        g.writeStringField("fixLocation", e.location().id());
        g.writeStringField("fix", e.fix());
        notesAndStatements(g, e);
    }

    private static void notesAndStatements(JsonGenerator g, DenialExplanation e) throws IOException {
        strings(g, "notes", e.notes());
        String grant = document(e.grant());
        if (grant != null) {
            g.writeFieldName("statements");
            g.writeRawValue(grant.strip());
        }
    }

    private static void strings(JsonGenerator g, String field, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void optional(JsonGenerator g, String field, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** {@return the statements as generate writes them: one document, or an array of documents; null for none} */
    private static @Nullable String document(@Nullable PolicySet set) {
        if (set == null) {
            return null;
        }
        return set.policies().size() == 1 ? set.policies().get(0).toJson() : set.toJson();
    }
}
