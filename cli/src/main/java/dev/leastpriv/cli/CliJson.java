package dev.leastpriv.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.leastpriv.core.json.PolicyJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The command line's Jackson mappers, built once: one for JSON (reports, SARIF, manifests, JSON config files) and one
 * for YAML config files, both refusing a key given twice (the first value would be dropped silently). JSON is written
 * in the one pretty layout leastpriv writes everywhere ({@link PolicyJson#prettyPrinter()}).
 */
final class CliJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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

    /** {@return the mapper for a config file: YAML, or JSON when {@code yaml} is false} */
    static ObjectMapper configMapper(boolean yaml) {
        return yaml ? YAML : MAPPER;
    }

    /** {@return the JSON tree of {@code text}} */
    static JsonNode read(String text) throws JacksonException {
        return MAPPER.readTree(text);
    }
}
