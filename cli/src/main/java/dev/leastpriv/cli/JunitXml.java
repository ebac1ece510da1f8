package dev.leastpriv.cli;

import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * JUnit XML as CI dashboards read it (the Ant/Surefire schema), for the preflight reports: one suite of test cases.
 * Every value is escaped: XML 1.0 cannot carry control characters or lone surrogates at all.
 */
final class JunitXml {

    private JunitXml() {}

    /** Writes the test cases of a suite. */
    interface Cases {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /** A test case that did not pass: a {@code failure} when definite, else an {@code error}. */
    record Problem(boolean definite, String type, String message, List<String> details) {}

    /** {@return the document of one suite named {@code name} with these counts and {@code cases}} */
    static String suite(String name, long tests, long failures, long errors, long skipped, Cases cases) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", OutputText.escape(name));
            xml.writeAttribute("tests", String.valueOf(tests));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(errors));
            xml.writeAttribute("skipped", String.valueOf(skipped));
            xml.writeCharacters("\n");
            cases.write(xml);
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

    /** Writes a test case that passed ({@code problem} null) or did not. */
    static void testCase(XMLStreamWriter xml, String className, String name, @Nullable Problem problem)
            throws XMLStreamException {
        start(xml, className, name);
        if (problem != null) {
            xml.writeStartElement(problem.definite() ? "failure" : "error");
            xml.writeAttribute("type", problem.type());
            xml.writeAttribute("message", OutputText.escape(problem.message()));
            xml.writeCharacters(
                    problem.details().stream().map(OutputText::escape).collect(Collectors.joining("\n")));
            xml.writeEndElement();
        }
        end(xml);
    }

    /** Writes a test case that was not run, and why. */
    static void skipped(XMLStreamWriter xml, String className, String name, String why) throws XMLStreamException {
        start(xml, className, name);
        xml.writeStartElement("skipped");
        xml.writeAttribute("message", OutputText.escape(why));
        xml.writeEndElement();
        end(xml);
    }

    private static void start(XMLStreamWriter xml, String className, String name) throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "leastpriv." + className);
        xml.writeAttribute("name", OutputText.escape(name));
    }

    private static void end(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }
}
