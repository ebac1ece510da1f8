package dev.leastpriv.core.eval;

import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Principal;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a {@code Principal} entry of a resource policy matches the caller
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html">Principal</a>):
 * {@code *} matches anyone; an account id or {@code arn:…:iam::<account>:root} matches every principal of that
 * account; a role ARN matches the role's sessions; anything else matches only itself.
 *
 * <p>A match through the account is weaker than a direct one: granting to an account delegates to that account's
 * IAM policies, so the caller still needs an identity-based Allow.
 */
final class Principals {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private Principals() {}

    /** How a principal entry matched the caller. */
    enum Match {
        NONE,
        /** Through the caller's account (an account id or the account root): delegates to IAM policies. */
        ACCOUNT,
        /** The caller itself, its role, anyone ({@code *}) or a service. */
        DIRECT
    }

    static Match matches(Principal principal, @Nullable String caller) {
        if (principal.type() == Principal.Type.ALL || principal.id().equals("*")) {
            return Match.DIRECT;
        }
        if (caller == null) {
            return Match.NONE;
        }
        if (principal.type() != Principal.Type.AWS) {
            return principal.id().equals(caller) ? Match.DIRECT : Match.NONE;
        }
        String id = principal.id();
        String callerAccount = account(caller);
        if (ACCOUNT.matcher(id).matches()) {
            return id.equals(callerAccount) ? Match.ACCOUNT : Match.NONE;
        }
        if (!id.startsWith("arn:")) {
            return Match.NONE;
        }
        Arn arn;
        try {
            arn = Arn.parse(id);
        } catch (IllegalArgumentException e) {
            return Match.NONE;
        }
        if (arn.service().equals("iam") && arn.resource().equals("root")) {
            return arn.account().equals(callerAccount) ? Match.ACCOUNT : Match.NONE;
        }
        if (id.equals(caller)) {
            return Match.DIRECT;
        }
        // arn:aws:iam::111122223333:role/path/Name matches arn:aws:sts::111122223333:assumed-role/Name/session.
        if (arn.service().equals("iam") && arn.resource().startsWith("role/") && caller.contains(":assumed-role/")) {
            Arn session = Arn.parse(caller);
            String roleName = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
            String[] parts = session.resource().split("/", 3);
            boolean same = session.account().equals(arn.account()) && parts.length >= 2 && parts[1].equals(roleName);
            return same ? Match.DIRECT : Match.NONE;
        }
        return Match.NONE;
    }

    static @Nullable String account(String caller) {
        if (ACCOUNT.matcher(caller).matches()) {
            return caller;
        }
        if (!caller.startsWith("arn:")) {
            return null;
        }
        try {
            String account = Arn.parse(caller).account();
            return account.isEmpty() ? null : account;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
