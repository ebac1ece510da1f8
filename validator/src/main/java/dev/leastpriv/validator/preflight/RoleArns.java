package dev.leastpriv.validator.preflight;

import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.InvalidInputException;
import dev.leastpriv.validator.ValidatorException;

/**
 * Role ARNs as IAM answers for them: {@code iam:GetRole} takes a name and looks in the caller's account, so what it
 * returns is checked against what was asked for before anything is checked on its behalf.
 */
final class RoleArns {

    private RoleArns() {}

    /** {@return the role's name: the last segment of {@code role/<path/>name}} */
    static String name(Arn role) {
        return role.resource().substring(role.resource().lastIndexOf('/') + 1);
    }

    /**
     * Checks that IAM answered for the role asked for.
     *
     * <p>Another partition or account means the credentials reach another account than the role's: the role asked
     * for cannot be read at all, so the check could not run (a {@link ValidatorException}, exit 3), never a pass for
     * the namesake. A different path (or name spelling) in the same account means the ARN given names no role: role
     * names are unique in an account, so that ARN does not exist (bad input, exit 2, like a missing role). An ARN
     * given without a path ({@code role/name}) names the account's only role of that name and is accepted: the
     * report prints the real ARN.
     *
     * @throws ValidatorException if the partition or account differ
     * @throws InvalidInputException if the path or name differ
     */
    static void requireSame(Arn wanted, Arn found) {
        if (!wanted.partition().equals(found.partition()) || !wanted.account().equals(found.account())) {
            throw new ValidatorException("IAM answered for " + InputRules.excerpt(found.toString()) + " when asked for "
                    + InputRules.excerpt(wanted.toString()) + ": the caller's credentials are for another account ("
                    + found.partition().id() + " " + found.account() + "), so the role asked for cannot be read;"
                    + " use credentials of account " + wanted.account() + " (for example another AWS profile)");
        }
        boolean pathless = wanted.resource().indexOf('/') == wanted.resource().lastIndexOf('/');
        boolean sameName = name(wanted).equals(name(found));
        if (!sameName || (!pathless && !wanted.resource().equals(found.resource()))) {
            throw new InvalidInputException("role ARN \"" + InputRules.excerpt(wanted.toString())
                    + "\" does not exist: the role"
                    + " named \"" + InputRules.excerpt(name(found)) + "\" in account " + found.account() + " is "
                    + InputRules.excerpt(found.toString()) + " (another path or spelling); give that ARN");
        }
    }
}
