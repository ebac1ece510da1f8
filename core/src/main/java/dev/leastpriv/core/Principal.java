package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One entry of a {@code Principal} or {@code NotPrincipal} element, e.g. {@code "AWS":
 * "arn:aws:iam::123456789012:root"}; {@link #ALL} is the bare {@code "Principal": "*"}.
 */
public record Principal(Type type, String id) {

    /** Anyone, including anonymous callers: the bare {@code "Principal": "*"}. */
    public static final Principal ALL = new Principal(Type.ALL, "*");

    /** The principal types of the policy grammar, in the order leastpriv writes them. */
    public enum Type {
        ALL("*"),
        AWS("AWS"),
        CANONICAL_USER("CanonicalUser"),
        FEDERATED("Federated"),
        SERVICE("Service");

        private final String jsonValue;

        Type(String jsonValue) {
            this.jsonValue = jsonValue;
        }

        /** {@return the key as written in a policy, e.g. {@code AWS}} */
        public String jsonValue() {
            return jsonValue;
        }
    }

    public Principal {
        checkNotNull(type, "type");
        checkNotNull(id, "id");
        checkArgument(type != Type.ALL || id.equals("*"), "Principal of type * must have id \"*\", not \"%s\"", id);
        checkArgument(!id.isEmpty(), "Principal %s must not be empty", type.jsonValue());
        checkArgument(
                PolicyText.isPolicyText(id),
                "Invalid principal \"%s\": only printable characters U+0020 to U+00FF are allowed in a policy",
                id);
    }

    /** {@return an {@code AWS} principal: an account id, an account root, user or role ARN, or {@code *}} */
    public static Principal aws(String id) {
        return new Principal(Type.AWS, id);
    }

    /** {@return a {@code Service} principal such as {@code lambda.amazonaws.com}} */
    public static Principal service(String id) {
        return new Principal(Type.SERVICE, id);
    }
}
