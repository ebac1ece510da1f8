package dev.leastpriv.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Core's one Jackson mapper (policy JSON, the action catalog) and pretty layout; configured once, never changed. */
final class Json {

    /**
     * Duplicate keys are errors: IAM rejects a key that appears twice in one element, and a reader that kept the
     * last one would check a different policy than IAM stores.
     *
     * <p>Numbers keep their digits: a condition value or a batch id such as {@code 1.10} or {@code
     * 12345678901234567890.5} is read as a decimal, trailing zeros kept, not as a double that would turn it into
     * {@code 1.1}, round it, or turn {@code 1e999999} into {@code Infinity}. IAM compares condition values as text
     * (string operators) or as numbers (numeric operators), and neither may see a value the policy does not hold.
     */
    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {}

    /** {@return a pretty printer laid out like AWS's documentation: 4 spaces, "\n", {@code "Key": value}} */
    static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        return new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("")
                        .withObjectEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
