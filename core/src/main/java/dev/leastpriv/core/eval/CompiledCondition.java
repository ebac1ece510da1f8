package dev.leastpriv.core.eval;

import dev.leastpriv.core.Condition;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One condition, compiled: operator family, modifiers and pre-parsed policy values.
 *
 * <p>AWS's rules (IAM User Guide, "Condition operators" and "multivalued context keys"): several values of one key
 * are ORed, and a negated operator must match none of them; a key absent from the request makes the condition
 * false, except for negated operators and {@code …IfExists} (true), {@code ForAllValues:} (true) and {@code Null}.
 * {@code ForAnyValue:} needs one request value to pass, {@code ForAllValues:} every one.
 */
final class CompiledCondition {

    enum Family {
        STRING,
        STRING_IGNORE_CASE,
        STRING_LIKE,
        NUMERIC,
        DATE,
        BOOL,
        BINARY,
        IP,
        ARN,
        NULL
    }

    enum Comparison {
        EQUALS,
        LESS,
        LESS_EQUALS,
        GREATER,
        GREATER_EQUALS
    }

    enum SetOperator {
        NONE,
        FOR_ALL_VALUES,
        FOR_ANY_VALUE
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern OFFSET = Pattern.compile(".*[+-]\\d{2}:?\\d{2}$");
    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    final String key; // lowercase
    final String keyAsWritten;
    private final Family family;
    private final Comparison comparison;
    private final boolean negated;
    private final boolean ifExists;
    private final SetOperator set;
    private final List<Value> values;

    /** A policy value: its template, and whatever could be parsed ahead of the request. */
    private record Value(
            String text,
            Template template,
            @Nullable ArnPattern arn,
            @Nullable Glob glob,
            @Nullable BigDecimal number,
            @Nullable Instant date,
            byte @Nullable [] bytes,
            byte @Nullable [] cidr,
            int prefix) {}

    CompiledCondition(Condition condition, boolean variables) {
        String operator = condition.operator();
        SetOperator setOperator = SetOperator.NONE;
        if (operator.startsWith("ForAllValues:")) {
            setOperator = SetOperator.FOR_ALL_VALUES;
            operator = operator.substring("ForAllValues:".length());
        } else if (operator.startsWith("ForAnyValue:")) {
            setOperator = SetOperator.FOR_ANY_VALUE;
            operator = operator.substring("ForAnyValue:".length());
        }
        boolean exists = operator.endsWith("IfExists");
        if (exists) {
            operator = operator.substring(0, operator.length() - "IfExists".length());
        }
        this.set = setOperator;
        this.ifExists = exists;
        this.key = condition.key().toLowerCase(Locale.ROOT);
        this.keyAsWritten = condition.key();
        boolean not = false;
        Comparison compare = Comparison.EQUALS;
        Family kind;
        switch (operator) {
            case "StringEquals" -> kind = Family.STRING;
            case "StringNotEquals" -> {
                kind = Family.STRING;
                not = true;
            }
            case "StringEqualsIgnoreCase" -> kind = Family.STRING_IGNORE_CASE;
            case "StringNotEqualsIgnoreCase" -> {
                kind = Family.STRING_IGNORE_CASE;
                not = true;
            }
            case "StringLike" -> kind = Family.STRING_LIKE;
            case "StringNotLike" -> {
                kind = Family.STRING_LIKE;
                not = true;
            }
            case "Bool" -> kind = Family.BOOL;
            case "BinaryEquals" -> kind = Family.BINARY;
            case "IpAddress" -> kind = Family.IP;
            case "NotIpAddress" -> {
                kind = Family.IP;
                not = true;
            }
            case "ArnEquals", "ArnLike" -> kind = Family.ARN;
            case "ArnNotEquals", "ArnNotLike" -> {
                kind = Family.ARN;
                not = true;
            }
            case "Null" -> kind = Family.NULL;
            default -> {
                // Numeric… and Date…: the family prefix, then the comparison.
                kind = operator.startsWith("Numeric") ? Family.NUMERIC : Family.DATE;
                String rest = operator.substring(kind == Family.NUMERIC ? "Numeric".length() : "Date".length());
                switch (rest) {
                    case "Equals" -> compare = Comparison.EQUALS;
                    case "NotEquals" -> {
                        compare = Comparison.EQUALS;
                        not = true;
                    }
                    case "LessThan" -> compare = Comparison.LESS;
                    case "LessThanEquals" -> compare = Comparison.LESS_EQUALS;
                    case "GreaterThan" -> compare = Comparison.GREATER;
                    case "GreaterThanEquals" -> compare = Comparison.GREATER_EQUALS;
                    default -> throw new IllegalArgumentException("Unknown condition operator " + condition.operator());
                }
            }
        }
        this.family = kind;
        this.negated = not;
        this.comparison = compare;
        // Variables are substituted in string, ARN, Bool and Binary values (not numeric, date or IP ones).
        boolean substitute = variables
                && (kind == Family.STRING
                        || kind == Family.STRING_IGNORE_CASE
                        || kind == Family.STRING_LIKE
                        || kind == Family.ARN
                        || kind == Family.BOOL
                        || kind == Family.BINARY);
        List<Value> compiled = new ArrayList<>();
        for (String text : condition.values()) {
            compiled.add(value(substitute ? Template.parse(text) : Template.literalText(text), kind));
        }
        this.values = compiled;
    }

    private static Value value(Template template, Family family) {
        boolean fixed = !template.hasVariables();
        String text = fixed ? template.asPattern().text() : "";
        ArnPattern arn = fixed && family == Family.ARN ? ArnPattern.of(template.asPattern(), false) : null;
        Glob glob = fixed && family == Family.STRING_LIKE ? Glob.of(text, false) : null;
        BigDecimal number = family == Family.NUMERIC ? number(text) : null;
        Instant date = family == Family.DATE ? date(text) : null;
        byte[] bytes = fixed && family == Family.BINARY ? base64(text) : null;
        byte[] cidr = null;
        int prefix = -1;
        if (family == Family.IP) {
            int slash = text.indexOf('/');
            cidr = address(slash < 0 ? text : text.substring(0, slash));
            if (cidr != null) {
                prefix = slash < 0 ? cidr.length * 8 : prefixLength(text.substring(slash + 1), cidr.length * 8);
            }
        }
        return new Value(text, template, arn, glob, number, date, bytes, cidr, prefix);
    }

    /**
     * {@return whether the condition holds for the request}
     *
     * @param missing receives the key when the request does not carry it, and any unresolved variable
     */
    boolean holds(RequestContext context, List<String> missing) {
        List<String> requestValues = context.values(key);
        boolean absent = requestValues == null || requestValues.isEmpty();
        if (family == Family.NULL) {
            for (Value value : values) {
                if (value.text().equalsIgnoreCase("true") == absent) {
                    return true;
                }
            }
            return false;
        }
        if (absent) {
            if (!ifExists) {
                missing.add(keyAsWritten);
            }
            if (ifExists || set == SetOperator.FOR_ALL_VALUES) {
                return true;
            }
            if (set == SetOperator.FOR_ANY_VALUE) {
                return false;
            }
            return negated;
        }
        return switch (set) {
            case NONE, FOR_ANY_VALUE -> {
                if (set == SetOperator.NONE && negated) {
                    // A negated operator "cannot match any" value: every request value must avoid every value.
                    for (String requestValue : requestValues) {
                        if (matchesAny(requestValue, context, missing)) {
                            yield false;
                        }
                    }
                    yield true;
                }
                for (String requestValue : requestValues) {
                    if (matchesAny(requestValue, context, missing) != negated) {
                        yield true;
                    }
                }
                yield false;
            }
            case FOR_ALL_VALUES -> {
                for (String requestValue : requestValues) {
                    if (matchesAny(requestValue, context, missing) == negated) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }

    /** {@return whether {@code requestValue} matches at least one policy value (ignoring negation)} */
    private boolean matchesAny(String requestValue, RequestContext context, List<String> missing) {
        for (Value value : values) {
            if (matches(value, requestValue, context, missing)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(Value value, String requestValue, RequestContext context, List<String> missing) {
        switch (family) {
            case NUMERIC -> {
                BigDecimal actual = number(requestValue);
                return value.number() != null && actual != null && compare(actual.compareTo(value.number()));
            }
            case DATE -> {
                Instant actual = date(requestValue);
                return value.date() != null && actual != null && compare(actual.compareTo(value.date()));
            }
            case IP -> {
                byte[] actual = address(requestValue);
                return value.cidr() != null && actual != null && inRange(actual, value.cidr(), value.prefix());
            }
            default -> {
                // String, ARN, Bool and Binary values may hold policy variables, resolved per request.
                if (family == Family.ARN) {
                    ArnPattern pattern = value.arn();
                    if (pattern == null) {
                        Template.Resolved resolved = value.template().resolve(context, true, missing);
                        if (resolved == null) {
                            return false;
                        }
                        pattern = ArnPattern.of(resolved, false);
                    }
                    return pattern.matches(requestValue);
                }
                if (family == Family.STRING_LIKE) {
                    Glob glob = value.glob();
                    if (glob == null) {
                        Template.Resolved resolved = value.template().resolve(context, true, missing);
                        if (resolved == null) {
                            return false;
                        }
                        glob = Glob.of(
                                resolved.text(),
                                resolved.wild(),
                                0,
                                resolved.text().length(),
                                false);
                    }
                    return glob.matches(requestValue);
                }
                String expected =
                        value.template().hasVariables() ? value.template().resolveText(context, missing) : value.text();
                if (expected == null) {
                    return false;
                }
                return switch (family) {
                    case STRING -> expected.equals(requestValue);
                    case STRING_IGNORE_CASE, BOOL -> expected.equalsIgnoreCase(requestValue);
                    case BINARY -> {
                        byte[] want = value.bytes() != null ? value.bytes() : base64(expected);
                        byte[] got = base64(requestValue);
                        yield want != null && got != null ? Arrays.equals(want, got) : expected.equals(requestValue);
                    }
                    default -> false;
                };
            }
        }
    }

    private boolean compare(int order) {
        return switch (comparison) {
            case EQUALS -> order == 0;
            case LESS -> order < 0;
            case LESS_EQUALS -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_EQUALS -> order >= 0;
        };
    }

    static @Nullable BigDecimal number(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ISO 8601 (date, local date-time as UTC, or with an offset) or epoch seconds, as IAM's Date operators take. */
    static @Nullable Instant date(String text) {
        String value = text.trim();
        try {
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || OFFSET.matcher(value).matches()) {
                return OffsetDateTime.parse(COLONLESS_OFFSET.matcher(value).replaceFirst("$1:$2"))
                        .toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    static byte @Nullable [] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An IPv4 or IPv6 literal; never a host name (no DNS lookup can happen here). */
    static byte @Nullable [] address(String text) {
        String value = text.trim();
        if (IPV4.matcher(value).matches()) {
            String[] parts = value.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        if (value.indexOf(':') >= 0 && IPV6.matcher(value).matches()) {
            try {
                byte[] bytes = InetAddress.getByName(value).getAddress();
                return bytes.length == 16 ? bytes : null;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static int prefixLength(String text, int max) {
        try {
            int prefix = Integer.parseInt(text.trim());
            return prefix >= 0 && prefix <= max ? prefix : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean inRange(byte[] address, byte[] network, int prefix) {
        if (prefix < 0 || address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int bits = prefix % 8;
        if (bits == 0) {
            return true;
        }
        int mask = (0xff << (8 - bits)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }
}
