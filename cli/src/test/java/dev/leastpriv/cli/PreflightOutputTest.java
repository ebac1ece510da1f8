package dev.leastpriv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.validator.preflight.ExcessGrant;
import dev.leastpriv.validator.preflight.Preflight;
import dev.leastpriv.validator.preflight.PreflightReport;
import dev.leastpriv.validator.preflight.ResolvedPrincipal;
import dev.leastpriv.validator.preflight.TrustResult;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Every output format of a report whose values came from a hostile account: names, policy contents, messages. */
class PreflightOutputTest {

    // Line breaks, an ANSI colour, a GitHub workflow command, a lone surrogate, NUL, DEL, NEL, U+2028, a bidi
    // override, and the characters XML and CDATA treat specially.
    private static final String HOSTILE =
            "evil\n::error::forged\r\n\u001b[31mred\u0000\u007f\u0085\u2028\u202e" + "\ud800 <x>&amp;\"]]>'";

    private static PreflightOutput output() {
        PreflightRequestFixture fixture = new PreflightRequestFixture();
        PreflightReport report = new PreflightReport(
                new ResolvedPrincipal(
                        Arn.parse("arn:aws:iam::123456789012:role/connector"), ResolvedPrincipal.Kind.ROLE, "given"),
                Preflight.Mode.FETCH,
                ImmutableList.of(),
                ImmutableList.of(new TrustResult(
                        "the trust policy's principal Service " + HOSTILE + " without an external id",
                        HOSTILE,
                        false,
                        Decision.ALLOWED,
                        "sts:AssumeRole allowed by " + HOSTILE,
                        true)),
                ImmutableList.of(new ExcessGrant("*", "inline:" + HOSTILE, "administrator access " + HOSTILE)),
                ImmutableList.of("a caveat " + HOSTILE),
                0);
        return new PreflightOutput(report, fixture.requirements, null);
    }

    @Test
    void junit_hostileValues_isWellFormedXmlThatKeepsThemVisible() throws Exception {
        String junit = output().junit();

        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(junit)));

        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        Element trust = (Element) xml.getElementsByTagName("testcase").item(0);
        assertThat(trust.getAttribute("name"))
                .contains("evil\\u000A::error::forged\\u000D\\u000A\\u001B[31mred\\u0000\\u007F\\u0085\\u2028"
                        + "\\u202E\\uD800 <x>&amp;\"]]>'");
        assertThat(xml.getElementsByTagName("failure").item(0).getTextContent())
                .startsWith("principal: evil\\u000A::error::");
    }

    @Test
    void text_hostileValues_neverStartALineOrCarryControlCharacters() {
        String text = output().text();

        assertThat(text.lines()).noneMatch(line -> line.startsWith("::") || line.startsWith("\u001b"));
        assertThat(text).doesNotContain("\u001b", "\u0000", "\u0085", "\u2028", "\u202e", "\r");
        assertThat(text.chars().anyMatch(c -> Character.isSurrogate((char) c))).isFalse();
        assertThat(text)
                .contains("  WRONG                 the trust policy's principal Service evil\\u000A::error::forged"
                        + "\\u000D\\u000A\\u001B[31mred")
                .contains("  EXCESS                * in inline:evil\\u000A::error::forged")
                .contains("  - a caveat evil\\u000A::error::forged");
    }

    @Test
    void json_hostileValues_areEscapedByTheJsonWriter() throws Exception {
        String json = output().json();

        assertThat(json.lines()).noneMatch(line -> line.startsWith("::"));
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(json)
                        .get("trust")
                        .get(0)
                        .get("principal")
                        .asText())
                .startsWith("evil\n::error::forged");
    }

    /** A real request, so the report's fix (nothing here is missing) renders as in the command. */
    private static final class PreflightRequestFixture {
        final RequirementSet requirements = RequirementSet.of(PolicyRequest.of(
                Connection.builder()
                        .region("us-east-1")
                        .account("123456789012")
                        .addDatabase("sales")
                        .results("s3://athena-results-123456789012/openmetadata/")
                        .build(),
                Profile.OPENMETADATA,
                List.of()));
    }
}
