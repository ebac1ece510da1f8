package dev.leastpriv.cli;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.validator.Coverage;
import dev.leastpriv.validator.PreflightReport;
import dev.leastpriv.validator.ResourceResult;
import dev.leastpriv.validator.TrustResult;
import dev.leastpriv.validator.Verdict;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Formats a {@link PreflightReport}: text for people, JSON for programs, JUnit XML for CI dashboards (one test case
 * per requirement and per trust probe). Requirements line up with the report's coverage one to one, in order, so
 * the fix for each missing one is rendered by the generator itself.
 */
final class PreflightOutput {

    private PreflightOutput() {}

    /** {@return the word for the outcome: PASS, FAIL or INCONCLUSIVE} */
    static String outcome(PreflightReport report) {
        return report.passed() ? "PASS" : report.denied() ? "FAIL" : "INCONCLUSIVE";
    }

    /** {@return the statements that grant what is missing, or null when nothing is} */
    static @Nullable String fix(PreflightReport report, RequirementSet requirements) {
        List<Requirement> missing = new ArrayList<>();
        for (int i = 0; i < report.coverage().size(); i++) {
            if (report.coverage().get(i).verdict() == Verdict.MISSING) {
                missing.add(requirements.requirements().get(i));
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        RequirementSet fix =
                new RequirementSet(requirements.request(), ImmutableList.copyOf(missing), ImmutableList.of());
        return PolicyRenderer.render(fix).policy().toJson();
    }

    static String text(PreflightReport report, RequirementSet requirements) {
        StringBuilder out = new StringBuilder("Preflight of "
                + report.principal().arn() + " (" + report.mode().id() + " mode)\n");
        for (Coverage coverage : report.coverage()) {
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
                        .append(probe.who())
                        .append(": ")
                        .append(probe.decision().isAllowed() ? "allowed" : "denied")
                        .append(probe.ok() ? "" : probe.shouldAllow() ? ", must be allowed" : ", must be denied")
                        .append(" (")
                        .append(probe.explanation())
                        .append(")\n");
            }
        }
        out.append("Not checked (outside what IAM's simulation sees):\n");
        report.caveats().forEach(caveat -> out.append("  - ").append(caveat).append('\n'));
        String fix = fix(report, requirements);
        if (fix != null) {
            out.append("Add these statements to the role to fix what is missing:\n")
                    .append(fix);
        }
        long passed = report.coverage().stream().filter(Coverage::isAllowed).count();
        out.append(outcome(report))
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
        return out.append('\n').toString();
    }

    static String json(PreflightReport report, RequirementSet requirements) {
        return CheckOutput.write(g -> {
            g.writeStartObject();
            g.writeStringField("outcome", outcome(report).toLowerCase(Locale.ROOT));
            g.writeStringField("principal", report.principal().arn().toString());
            g.writeStringField("mode", report.mode().id());
            g.writeNumberField("simulationRequests", report.simulationRequests());
            g.writeArrayFieldStart("requirements");
            for (Coverage coverage : report.coverage()) {
                g.writeStartObject();
                g.writeStringField("feature", coverage.requirement().feature());
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
                g.writeBooleanField("shouldAllow", probe.shouldAllow());
                g.writeStringField("decision", probe.decision().jsonValue());
                g.writeBooleanField("ok", probe.ok());
                g.writeStringField("explanation", probe.explanation());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("caveats");
            for (String caveat : report.caveats()) {
                g.writeString(caveat);
            }
            g.writeEndArray();
            String fix = fix(report, requirements);
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
    static String junit(PreflightReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeCharacters("\n");
            long failures = report.coverage().stream()
                            .filter(c -> c.verdict().isDenial())
                            .count()
                    + report.trust().stream().filter(t -> !t.ok()).count();
            long errors = report.coverage().stream().filter(Coverage::isUnknown).count();
            xml.writeStartElement("testsuite");
            xml.writeAttribute(
                    "name", "leastpriv preflight " + report.principal().arn());
            xml.writeAttribute(
                    "tests",
                    String.valueOf(report.coverage().size() + report.trust().size()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(errors));
            xml.writeAttribute("skipped", "0");
            xml.writeCharacters("\n");
            for (Coverage coverage : report.coverage()) {
                String resources = coverage.requirement().resources().size() == 1
                        ? coverage.requirement().resources().get(0).pattern()
                        : coverage.requirement().resources().size() + " resources";
                testCase(
                        xml,
                        coverage.requirement().feature(),
                        coverage.requirement().action() + " on " + resources,
                        coverage.verdict(),
                        coverage.isAllowed()
                                ? ""
                                : coverage.verdict().jsonValue() + " on " + coverage.deniedResource() + ": "
                                        + coverage.explanation(),
                        coverage.failures().stream()
                                .map(r -> r.resource() + ": " + r.verdict().jsonValue() + ", " + r.explanation())
                                .toList());
            }
            for (TrustResult probe : report.trust()) {
                testCase(
                        xml,
                        "trust-policy",
                        "sts:AssumeRole by " + probe.who(),
                        probe.ok() ? Verdict.PASS : Verdict.DENIED_EXPLICIT,
                        (probe.decision().isAllowed() ? "allowed" : "denied") + ", must be "
                                + (probe.shouldAllow() ? "allowed" : "denied") + " (" + probe.explanation() + ")",
                        List.of());
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return text.toString();
    }

    private static void testCase(
            XMLStreamWriter xml, String className, String name, Verdict verdict, String message, List<String> details)
            throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "leastpriv." + className);
        xml.writeAttribute("name", name);
        if (verdict != Verdict.PASS) {
            xml.writeStartElement(verdict.isDenial() ? "failure" : "error");
            xml.writeAttribute("type", verdict.jsonValue());
            xml.writeAttribute("message", message);
            xml.writeCharacters(String.join("\n", details));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }
}
