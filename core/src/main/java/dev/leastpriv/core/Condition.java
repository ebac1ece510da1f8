package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * One condition: an operator, a context key and its values, e.g. {@code "StringEquals": {"sts:ExternalId":
 * ["…"]}}. Several values of one key are ORed; several conditions are ANDed
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html">condition logic</a>).
 *
 * <p>The operator is checked against IAM's list: a base operator, optionally with the {@code IfExists} suffix
 * (not on {@code Null}) and the {@code ForAllValues:} or {@code ForAnyValue:} prefix, because IAM rejects any
 * other operator as a malformed policy.
 */
public record Condition(String operator, String key, ImmutableList<String> values) {

    private static final ImmutableSet<String> BASE_OPERATORS = ImmutableSet.of(
            "StringEquals",
            "StringNotEquals",
            "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase",
            "StringLike",
            "StringNotLike",
            "NumericEquals",
            "NumericNotEquals",
            "NumericLessThan",
            "NumericLessThanEquals",
            "NumericGreaterThan",
            "NumericGreaterThanEquals",
            "DateEquals",
            "DateNotEquals",
            "DateLessThan",
            "DateLessThanEquals",
            "DateGreaterThan",
            "DateGreaterThanEquals",
            "Bool",
            "BinaryEquals",
            "IpAddress",
            "NotIpAddress",
            "ArnEquals",
            "ArnNotEquals",
            "ArnLike",
            "ArnNotLike",
            "Null");

    public Condition {
        checkNotNull(operator, "operator");
        checkNotNull(key, "key");
        values = ImmutableList.copyOf(values);
        checkArgument(
                isOperator(operator),
                "Unknown condition operator \"%s\": expected an IAM operator such as \"StringEquals\", optionally"
                        + " with \"IfExists\" or a \"ForAllValues:\"/\"ForAnyValue:\" prefix",
                operator);
        checkArgument(
                !key.isEmpty() && PolicyText.isPolicyText(key) && key.indexOf(' ') < 0,
                "Invalid condition key \"%s\": expected a key such as \"aws:SourceIp\" without spaces",
                key);
        checkArgument(!values.isEmpty(), "Condition %s on \"%s\" has no values", operator, key);
        for (String value : values) {
            checkArgument(
                    PolicyText.isPolicyText(value),
                    "Invalid value \"%s\" for condition key \"%s\": only printable characters U+0020 to U+00FF are"
                            + " allowed in a policy",
                    value,
                    key);
        }
    }

    /** {@return the condition {@code operator: {key: values}}} */
    public static Condition of(String operator, String key, Iterable<String> values) {
        return new Condition(operator, key, ImmutableList.copyOf(values));
    }

    /** {@return the condition {@code operator: {key: [value]}}} */
    public static Condition of(String operator, String key, String value) {
        return new Condition(operator, key, ImmutableList.of(value));
    }

    /** {@return whether {@code operator} is an operator IAM accepts} */
    public static boolean isOperator(String operator) {
        String base = operator;
        if (base.startsWith("ForAllValues:")) {
            base = base.substring("ForAllValues:".length());
        } else if (base.startsWith("ForAnyValue:")) {
            base = base.substring("ForAnyValue:".length());
        }
        if (base.endsWith("IfExists") && !base.equals("NullIfExists")) {
            base = base.substring(0, base.length() - "IfExists".length());
        }
        return BASE_OPERATORS.contains(base);
    }
}
