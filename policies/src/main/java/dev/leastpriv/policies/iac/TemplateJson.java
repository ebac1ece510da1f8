package dev.leastpriv.policies.iac;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.json.PolicyJson;
import java.io.UncheckedIOException;

/**
 * The mappers of the templates, configured once: trees are {@link ObjectNode}s, whose fields keep insertion order,
 * so the same resources always give the same bytes.
 */
final class TemplateJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Every string is double-quoted (no {@code MINIMIZE_QUOTES}): a YAML 1.1 reader would otherwise read
     * {@code 2012-10-17} as a date and an account id as a number. No document marker, no folded lines, no tags.
     */
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .build();

    private TemplateJson() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@return {@code policy} as a tree that writes back to exactly {@link Policy#toCompactJson()}} */
    static JsonNode document(Policy policy) {
        try {
            return JSON.readTree(policy.toCompactJson());
        } catch (JacksonException e) {
            throw new IllegalStateException("Policy.toCompactJson() wrote invalid JSON", e);
        }
    }

    /** {@return {@link Policy#toJson()} (which ends in a newline) or {@link Policy#toCompactJson()} (which does not)} */
    static String text(Policy policy, JsonLayout layout) {
        return layout == JsonLayout.PRETTY ? policy.toJson() : policy.toCompactJson();
    }

    /** {@return {@code root} as JSON in {@code layout}, ending in a newline} */
    static String json(JsonNode root, JsonLayout layout) {
        try {
            return (layout == JsonLayout.PRETTY ? JSON.writer(prettyPrinter()) : JSON.writer()).writeValueAsString(root)
                    + "\n";
        } catch (JacksonException e) {
            throw new UncheckedIOException("Writing a template to a string failed", e);
        }
    }

    /** {@return {@code root} as block-style YAML, ending in a newline} */
    static String yaml(JsonNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JacksonException e) {
            throw new UncheckedIOException("Writing a template to a string failed", e);
        }
    }

    /** The layout of {@link Policy#toJson()}, the one pretty layout leastpriv writes. */
    static DefaultPrettyPrinter prettyPrinter() {
        return PolicyJson.prettyPrinter();
    }
}
