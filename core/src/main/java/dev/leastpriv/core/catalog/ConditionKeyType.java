package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * The type of a condition key's value, as the Service Authorization Reference gives it ({@code String},
 * {@code ArrayOfString}, {@code IPAddress} …).
 *
 * <p>The type decides which condition operators make sense: {@code IpAddress} for {@link #IP_ADDRESS},
 * {@code DateLessThan} for {@link #DATE}, {@code ForAnyValue:}/{@code ForAllValues:} only for the array types. See
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html">
 * condition operators</a>.
 */
public enum ConditionKeyType {
    STRING("String", null),
    ARN("ARN", null),
    BOOL("Bool", null),
    DATE("Date", null),
    NUMERIC("Numeric", null),
    IP_ADDRESS("IPAddress", null),
    BINARY("Binary", null),
    ARRAY_OF_STRING("ArrayOfString", STRING),
    ARRAY_OF_ARN("ArrayOfARN", ARN),
    ARRAY_OF_BOOL("ArrayOfBool", BOOL),
    ARRAY_OF_DATE("ArrayOfDate", DATE),
    ARRAY_OF_NUMERIC("ArrayOfNumeric", NUMERIC),
    ARRAY_OF_IP_ADDRESS("ArrayOfIPAddress", IP_ADDRESS),
    ARRAY_OF_BINARY("ArrayOfBinary", BINARY);

    private final String dataName;
    private final @Nullable ConditionKeyType element;

    ConditionKeyType(String dataName, @Nullable ConditionKeyType element) {
        this.dataName = dataName;
        this.element = element;
    }

    /**
     * Parses a type as the catalog data spells it, e.g. {@code ArrayOfString}.
     *
     * @throws IllegalArgumentException if the name is not a known type
     */
    public static ConditionKeyType fromDataName(String dataName) {
        checkNotNull(dataName, "dataName");
        for (ConditionKeyType type : values()) {
            if (type.dataName.equals(dataName)) {
                return type;
            }
        }
        throw new IllegalArgumentException(String.format(
                "Unknown condition key type \"%s\": expected one of String, ARN, Bool, Date, Numeric, IPAddress, "
                        + "Binary, or ArrayOf followed by one of them",
                dataName));
    }

    /** {@return the type as the catalog data spells it, e.g. {@code ArrayOfString}} */
    public String dataName() {
        return dataName;
    }

    /** {@return whether a request may carry several values for the key} */
    public boolean isArray() {
        return element != null;
    }

    /** {@return the type of one value: the element type for an array type, otherwise this type} */
    public ConditionKeyType elementType() {
        return element == null ? this : element;
    }
}
