package dev.leastpriv.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A YAML or JSON config file whose field names are the long flag names without dashes in front
 * ({@code region}, {@code kms-key}, {@code both-catalog-cases}). Lists may be written as a list or a single
 * value. Unknown and repeated fields are errors, so a typo never silently drops a setting.
 */
final class ConfigFile {

    static final ImmutableSet<String> LIST_FIELDS =
            ImmutableSet.of("catalog", "database", "data", "features", "lambda", "kms-key");
    static final ImmutableSet<String> BOOLEAN_FIELDS =
            ImmutableSet.of("lake-formation", "kms", "both-catalog-cases", "placeholders");
    static final ImmutableSet<String> SCALAR_FIELDS = ImmutableSet.of(
            "connector",
            "region",
            "account",
            "partition",
            "workgroup",
            "results",
            "trusted-account",
            "trusted-principal",
            "external-id");

    private final String source;
    private final ImmutableMap<String, JsonNode> fields;

    private ConfigFile(String source, ImmutableMap<String, JsonNode> fields) {
        this.source = source;
        this.fields = fields;
    }

    static ConfigFile empty() {
        return new ConfigFile("(none)", ImmutableMap.of());
    }

    /** Reads {@code path}; {@code .json} files as JSON, anything else as YAML (a superset of JSON). */
    static ConfigFile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new InputException("config file \"" + path + "\" does not exist");
        } catch (IOException e) {
            throw new InputException("config file \"" + path + "\" cannot be read: " + e.getMessage(), e);
        }
        // A field given twice is an error, not last-wins: the first value would be dropped silently.
        ObjectMapper mapper = path.toString().toLowerCase(Locale.ROOT).endsWith(".json")
                ? JsonMapper.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build()
                : YAMLMapper.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new InputException(
                    "config file \"" + path + "\" is not valid "
                            + (mapper instanceof YAMLMapper ? "YAML" : "JSON") + ": "
                            + e.getOriginalMessage().lines().findFirst().orElse("")
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"),
                    e);
        }
        String source = "config file \"" + path + "\"";
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(source, ImmutableMap.of());
        }
        if (!root.isObject()) {
            throw new InputException(source + " must hold a mapping of field names to values");
        }
        ImmutableMap.Builder<String, JsonNode> fields = ImmutableMap.builder();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String name = entry.getKey();
            if (!LIST_FIELDS.contains(name) && !BOOLEAN_FIELDS.contains(name) && !SCALAR_FIELDS.contains(name)) {
                throw new InputException(source + ": unknown field \"" + name + "\"; expected one of "
                        + String.join(
                                ", ",
                                ImmutableList.<String>builder()
                                        .addAll(SCALAR_FIELDS)
                                        .addAll(LIST_FIELDS)
                                        .addAll(BOOLEAN_FIELDS)
                                        .build()));
            }
            fields.put(name, entry.getValue());
        }
        return new ConfigFile(source, fields.buildOrThrow());
    }

    Optional<String> string(String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(scalar(field, node));
    }

    ImmutableList<String> list(String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return ImmutableList.of();
        }
        if (!node.isArray()) {
            return ImmutableList.of(scalar(field, node));
        }
        ImmutableList.Builder<String> values = ImmutableList.builder();
        for (JsonNode item : node) {
            values.add(scalar(field, item));
        }
        return values.build();
    }

    @Nullable
    Boolean bool(String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InputException(source + ": field \"" + field + "\" must be true or false, not " + node);
        }
        return node.booleanValue();
    }

    private String scalar(String field, JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber()) {
            // YAML 1.1 reads an unquoted 012345678901 as an octal number: the account id would change silently.
            throw new InputException(source + ": field \"" + field + "\" must be a quoted string, not the number "
                    + node + "; write it in quotes (\"012345678901\") so leading zeros survive");
        }
        throw new InputException(source + ": field \"" + field + "\" must be a string"
                + (LIST_FIELDS.contains(field) ? " or a list of strings" : "") + ", not " + node);
    }
}
