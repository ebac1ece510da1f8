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
 */
final class Principals {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private Principals() {}

    static boolean matches(Principal principal, @Nullable String caller) {
        if (principal.type() == Principal.Type.ALL || principal.id().equals("*")) {
            return true;
        }
        if (caller == null) {
            return false;
        }
        if (principal.type() != Principal.Type.AWS) {
            return principal.id().equals(caller);
        }
        String id = principal.id();
        String callerAccount = account(caller);
        if (ACCOUNT.matcher(id).matches()) {
            return id.equals(callerAccount);
        }
        if (!id.startsWith("arn:")) {
            return false;
        }
        Arn arn;
        try {
            arn = Arn.parse(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (arn.service().equals("iam") && arn.resource().equals("root")) {
            return arn.account().equals(callerAccount);
        }
        if (id.equals(caller)) {
            return true;
        }
        // arn:aws:iam::111122223333:role/path/Name matches arn:aws:sts::111122223333:assumed-role/Name/session.
        if (arn.service().equals("iam") && arn.resource().startsWith("role/") && caller.contains(":assumed-role/")) {
            Arn session = Arn.parse(caller);
            String roleName = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
            String[] parts = session.resource().split("/", 3);
            return session.account().equals(arn.account()) && parts.length >= 2 && parts[1].equals(roleName);
        }
        return false;
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
