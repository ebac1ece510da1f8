package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Lambda function behind a federated catalog or UDF: a name (resolved in the connection's region and account)
 * or a full function ARN, optionally qualified with a version or alias.
 *
 * <p>IAM matches {@code function:f} literally, so it does not grant {@code function:f:1} or {@code function:f:PROD}
 * (lambda-api-permissions-ref); an unqualified function is therefore granted as {@code function:f} and
 * {@code function:f:*}, a qualified one exactly as given.
 */
public record LambdaFunction(
        String name, String qualifier, @Nullable Arn arn) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final String RULE = "expected a function name (1-64 letters, digits, '-' or '_') or a function ARN"
            + " \"arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>]\"";

    public LambdaFunction {
        checkNotNull(name, "name");
        checkNotNull(qualifier, "qualifier");
        InputRules.check(InputRules.LAMBDA_NAME.matcher(name).matches(), "lambda", name, RULE);
        InputRules.check(
                qualifier.isEmpty()
                        || InputRules.LAMBDA_QUALIFIER.matcher(qualifier).matches(),
                "lambda",
                qualifier,
                "expected a version number, $LATEST or an alias name");
        if (arn != null) {
            // The ARN is what the policy grants: it must be this function's unqualified ARN, or a hand-built
            // LambdaFunction could grant "function:*" while its name looks valid.
            InputRules.check(
                    arn.service().equals("lambda")
                            && InputRules.regionOf(arn.partition(), arn.region())
                            && ACCOUNT.matcher(arn.account()).matches()
                            && arn.resource().equals("function:" + name),
                    "lambda",
                    arn.toString(),
                    RULE);
        }
    }

    /**
     * Parses a function name or function ARN.
     *
     * @throws IllegalArgumentException naming the value and the expected forms
     */
    public static LambdaFunction parse(String text) {
        checkNotNull(text, "text");
        if (!text.startsWith("arn:")) {
            InputRules.check(InputRules.LAMBDA_NAME.matcher(text).matches(), "lambda", text, RULE);
            return new LambdaFunction(text, "", null);
        }
        Arn arn;
        try {
            arn = Arn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(InputRules.invalid("lambda", text, RULE), e);
        }
        String[] parts = arn.resource().split(":", -1);
        InputRules.check(
                arn.service().equals("lambda")
                        && InputRules.regionOf(arn.partition(), arn.region())
                        && ACCOUNT.matcher(arn.account()).matches()
                        && (parts.length == 2 || parts.length == 3)
                        && parts[0].equals("function"),
                "lambda",
                text,
                RULE);
        String qualifier = parts.length == 3 ? parts[2] : "";
        InputRules.check(parts.length == 2 || !qualifier.isEmpty(), "lambda", text, RULE);
        Arn base = new Arn(arn.partition(), "lambda", arn.region(), arn.account(), "function:" + parts[1]);
        return new LambdaFunction(parts[1], qualifier, base);
    }

    /** {@return the unqualified function ARN when one was given} */
    public Optional<Arn> unqualifiedArn() {
        return Optional.ofNullable(arn);
    }

    /** {@return whether a version or alias was given} */
    public boolean isQualified() {
        return !qualifier.isEmpty();
    }

    @Override
    public String toString() {
        String base = arn == null ? name : arn.toString();
        return qualifier.isEmpty() ? base : base + ":" + qualifier;
    }
}
