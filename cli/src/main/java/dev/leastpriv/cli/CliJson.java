package dev.leastpriv.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.leastpriv.core.json.PolicyJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The command line's one Jackson mapper for the JSON it writes and reads itself (reports, SARIF, JUnit's JSON
 * sibling, manifests), in the one pretty layout leastpriv writes everywhere ({@link PolicyJson#prettyPrinter()}).
 * Config files have their own YAML and JSON readers ({@link ConfigFile}), configured for strictness.
 */
final class CliJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CliJson() {}

    /** Writes one JSON document. */
    interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    /** {@return the JSON {@code body} writes, in AWS's documentation layout, with a final newline} */
    static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            generator.setPrettyPrinter(PolicyJson.prettyPrinter());
            body.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /** {@return the JSON tree of {@code text}} */
    static JsonNode read(String text) throws JacksonException {
        return MAPPER.readTree(text);
    }
}
