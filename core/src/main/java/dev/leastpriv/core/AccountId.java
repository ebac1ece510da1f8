package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.regex.Pattern;

/** A 12-digit AWS account id, e.g. {@code 123456789012}. */
public record AccountId(String value) {

    private static final Pattern DIGITS = Pattern.compile("\\d{12}");

    public AccountId {
        checkNotNull(value, "value");
        checkArgument(DIGITS.matcher(value).matches(), "Invalid account id \"%s\": expected exactly 12 digits", value);
    }

    /**
     * {@return the account id}
     *
     * @throws IllegalArgumentException unless {@code value} is 12 digits
     */
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
