package dev.leastpriv.core.eval;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InputRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One request to authorize: an action on a resource by a principal, with request context.
 *
 * <pre>{@code
 * Request request = Request.builder()
 *         .action("s3:GetObject")
 *         .resource("arn:aws:s3:::athena-results/connector/abc.csv")
 *         .principal("arn:aws:iam::123456789012:role/openmetadata")
 *         .context("aws:SourceIp", "203.0.113.7")
 *         .build();
 * }</pre>
 *
 * <p>The action is one action (no wildcards). The resource is an ARN or {@code *}, for actions that have no
 * resource types. Context keys are compared case-insensitively, as IAM does; a key may have several values
 * (multivalued keys such as {@code aws:TagKeys}).
 */
public record Request(
        Action action,
        String resource,
        @Nullable String principal,
        @Nullable String resourceAccount,
        ImmutableMap<String, ImmutableList<String>> context) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern SERVICE_OR_PROVIDER =
            Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");

    public Request {
        checkNotNull(action, "action");
        checkNotNull(resource, "resource");
        context = ImmutableMap.copyOf(context);
        checkArgument(!action.isWildcard(), "Request action must be one action, not the pattern \"%s\"", action);
        if (!resource.equals("*")) {
            Arn.parse(resource); // an IllegalArgumentException naming the expected ARN form
        }
        if (principal != null && principal.startsWith("arn:")) {
            Arn.parse(principal);
        } else if (principal != null) {
            // Not an ARN: a service principal (athena.amazonaws.com) or a web identity provider
            // (accounts.google.com), both DNS names; anything else would match no Principal element, silently.
            checkArgument(
                    SERVICE_OR_PROVIDER.matcher(principal).matches(),
                    "Invalid principal %s: expected an ARN (arn:aws:iam::123456789012:role/name), a service principal"
                            + " (athena.amazonaws.com) or a web identity provider (accounts.google.com)",
                    InputRules.quote(principal));
        }
        checkArgument(
                resourceAccount == null || ACCOUNT.matcher(resourceAccount).matches(),
                "Invalid resource account \"%s\": expected 12 digits",
                resourceAccount);
        for (Map.Entry<String, ImmutableList<String>> entry : context.entrySet()) {
            checkArgument(!entry.getKey().isEmpty(), "Context key names must not be empty");
        }
    }

    /** {@return a request for {@code action} on {@code resource} without principal or context} */
    public static Request of(String action, String resource) {
        return builder().action(action).resource(resource).build();
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the account of the principal's ARN, or null if there is no principal ARN} */
    @Nullable
    String principalAccount() {
        if (principal == null || !principal.startsWith("arn:")) {
            return null;
        }
        String account = accountField(principal);
        return account.isEmpty() ? null : account;
    }

    /** {@return the account owning the resource: given, else from the ARN, else null} */
    @Nullable
    String owningAccount() {
        if (resourceAccount != null) {
            return resourceAccount;
        }
        if (resource.equals("*")) {
            return null;
        }
        String account = accountField(resource);
        return account.isEmpty() ? null : account;
    }

    /** The fifth field of an ARN the constructor validated: what {@code Arn.parse(arn).account()} returns. */
    private static String accountField(String arn) {
        int from = 0;
        for (int i = 0; i < 4; i++) {
            from = arn.indexOf(':', from) + 1;
        }
        return arn.substring(from, arn.indexOf(':', from));
    }

    /** Collects a request. {@code context(key, …)} replaces that key's values. */
    public static final class Builder {
        private @Nullable Action action;
        private @Nullable String resource;
        private @Nullable String principal;
        private @Nullable String resourceAccount;
        private final Map<String, ImmutableList<String>> context = new LinkedHashMap<>();

        private Builder() {}

        @CanIgnoreReturnValue
        public Builder action(String action) {
            this.action = Action.parse(action);
            return this;
        }

        @CanIgnoreReturnValue
        public Builder action(Action action) {
            this.action = checkNotNull(action, "action");
            return this;
        }

        @CanIgnoreReturnValue
        public Builder resource(String resource) {
            this.resource = checkNotNull(resource, "resource");
            return this;
        }

        @CanIgnoreReturnValue
        public Builder principal(@Nullable String principal) {
            this.principal = principal;
            return this;
        }

        @CanIgnoreReturnValue
        public Builder resourceAccount(@Nullable String resourceAccount) {
            this.resourceAccount = resourceAccount;
            return this;
        }

        @CanIgnoreReturnValue
        public Builder context(String key, String... values) {
            context.put(checkNotNull(key, "key"), ImmutableList.copyOf(values));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder context(String key, Iterable<String> values) {
            context.put(checkNotNull(key, "key"), ImmutableList.copyOf(values));
            return this;
        }

        /**
         * {@return the request}
         *
         * @throws IllegalArgumentException if the action or resource is missing or malformed
         */
        public Request build() {
            checkArgument(action != null, "Request needs an action");
            checkArgument(resource != null, "Request needs a resource (an ARN, or \"*\")");
            return new Request(action, resource, principal, resourceAccount, ImmutableMap.copyOf(context));
        }
    }
}
