package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.regex.Pattern;

/**
 * The external id a SaaS tool presents when it assumes a role: 2 to 1,224 characters of letters, digits and
 * {@code _ + = , . @ : / -} (STS {@code externalIdType}, {@code [\w+=,.@:/-]*}). AWS does not treat it as a
 * secret; it stops the confused-deputy problem
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html">external
 * id</a>).
 */
public record ExternalId(String value) {

    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_+=,.@:/-]{2,1224}");

    public ExternalId {
        checkNotNull(value, "value");
        InputRules.check(
                VALUE.matcher(value).matches(),
                "external-id",
                value,
                "expected 2-1224 characters of letters, digits and _ + = , . @ : / - (no spaces)");
    }

    /** {@return the external id} */
    public static ExternalId of(String value) {
        return new ExternalId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
