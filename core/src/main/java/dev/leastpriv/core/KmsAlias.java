package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A KMS alias, {@code alias/<name>} or an alias ARN: never what a policy names (an alias ARN in {@code Resource}
 * governs the alias, not the key; see {@link KmsKey}), only something discovery resolves to the key ARN it points to.
 */
public record KmsAlias(String name, @Nullable Arn arn) {

    private static final Pattern NAME = Pattern.compile("alias/[A-Za-z0-9/_-]{1,250}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final String RULE =
            "expected an alias name \"alias/<name>\" or an alias ARN \"arn:<partition>:kms:<region>:<account>:alias/<name>\"";

    public KmsAlias {
        checkNotNull(name, "name");
        InputRules.check(NAME.matcher(name).matches(), "kms-key", name, RULE);
        if (arn != null) {
            InputRules.check(
                    arn.service().equals("kms")
                            && InputRules.regionOf(arn.partition(), arn.region())
                            && ACCOUNT.matcher(arn.account()).matches()
                            && arn.resource().equals(name),
                    "kms-key",
                    arn.toString(),
                    RULE);
        }
    }

    /** {@return whether {@code text} is written as an alias (an alias name or an alias ARN), valid or not} */
    public static boolean looksLikeAlias(String text) {
        checkNotNull(text, "text");
        return text.startsWith("alias/") || text.contains(":alias/");
    }

    /**
     * Parses an alias name or an alias ARN.
     *
     * @throws IllegalArgumentException naming the value and the forms expected
     */
    public static KmsAlias parse(String text) {
        checkNotNull(text, "text");
        if (!text.startsWith("arn:")) {
            return new KmsAlias(text, null);
        }
        Arn arn;
        try {
            arn = Arn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(InputRules.invalid("kms-key", text, RULE), e);
        }
        return new KmsAlias(arn.resource(), arn);
    }

    @Override
    public String toString() {
        return arn == null ? name : arn.toString();
    }
}
