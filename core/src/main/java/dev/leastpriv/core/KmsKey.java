package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A KMS key given by key id (resolved in the connection's region and account) or key ARN.
 *
 * <p>Aliases are rejected: "You cannot use a key id, alias name, or alias ARN to identify a KMS key in an IAM
 * policy statement"; an alias ARN in {@code Resource} governs the alias resource, never the key
 * (<a href="https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html">KMS keys in IAM
 * policies</a>).
 */
public record KmsKey(String keyId, @Nullable Arn arn) {

    private static final Pattern KEY_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final String RULE = "expected a key id (a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab, or"
            + " mrk- and 32 hex digits) or a key ARN \"arn:<partition>:kms:<region>:<account>:key/<key id>\"";

    public KmsKey {
        checkNotNull(keyId, "keyId");
        InputRules.check(KEY_ID.matcher(keyId).matches(), "kms-key", keyId, RULE);
        if (arn != null) {
            // The ARN is what the policy grants: it must be this key's ARN, or a hand-built KmsKey could grant
            // "arn:aws:kms:…:*" while its key id looks valid.
            InputRules.check(isKeyArn(arn, keyId), "kms-key", arn.toString(), RULE);
        }
    }

    /**
     * Parses a key id or key ARN.
     *
     * @throws IllegalArgumentException for aliases (with the reason) and anything else that is not a key
     */
    public static KmsKey parse(String text) {
        checkNotNull(text, "text");
        InputRules.check(
                !text.startsWith("alias/") && !text.contains(":alias/"),
                "kms-key",
                text,
                "an alias never authorizes use of a key: IAM matches kms:Decrypt and kms:GenerateDataKey"
                        + " against the key ARN, and an alias ARN in Resource applies to the alias only."
                        + " Find the key ARN with `aws kms describe-key --key-id " + text
                        + " --query KeyMetadata.Arn` and pass that");
        if (!text.startsWith("arn:")) {
            InputRules.check(KEY_ID.matcher(text).matches(), "kms-key", text, RULE);
            return new KmsKey(text, null);
        }
        Arn arn;
        try {
            arn = Arn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(InputRules.invalid("kms-key", text, RULE), e);
        }
        InputRules.check(
                arn.service().equals("kms")
                        && InputRules.regionOf(arn.partition(), arn.region())
                        && ACCOUNT.matcher(arn.account()).matches()
                        && arn.resource().startsWith("key/")
                        && KEY_ID.matcher(arn.resource().substring("key/".length()))
                                .matches(),
                "kms-key",
                text,
                RULE);
        return new KmsKey(arn.resource().substring("key/".length()), arn);
    }

    private static boolean isKeyArn(Arn arn, String keyId) {
        return arn.service().equals("kms")
                && InputRules.regionOf(arn.partition(), arn.region())
                && ACCOUNT.matcher(arn.account()).matches()
                && arn.resource().equals("key/" + keyId);
    }

    /** {@return the key ARN when one was given} */
    public Optional<Arn> keyArn() {
        return Optional.ofNullable(arn);
    }

    @Override
    public String toString() {
        return arn == null ? keyId : arn.toString();
    }
}
