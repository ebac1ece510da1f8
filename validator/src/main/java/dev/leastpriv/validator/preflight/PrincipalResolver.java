package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.InvalidInputException;
import dev.leastpriv.validator.AwsFailure;
import dev.leastpriv.validator.ValidatorException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Finds the IAM principal to check: the role given, or the caller.
 *
 * <p>IAM's simulator takes a user or role ARN, never an {@code sts:…:assumed-role/Name/session} ARN, and the session
 * ARN has lost the role's path, so a session is turned into its role's real ARN with {@code iam:GetRole}
 * (iam-reference.md §1.7). Federated users and the root user cannot be simulated and are refused with a message.
 * {@code iam:GetRole} takes a role <em>name</em> and answers from the caller's own account, so the ARN it returns is
 * compared with the one asked for: a principal is never a different role that happens to share the name. The
 * caller owns the clients; this class never closes them.
 */
public final class PrincipalResolver {

    private static final String GET_ROLE_HINT = " (the caller needs iam:GetRole on the role)";

    private final StsClient sts;
    private final IamClient iam;

    private PrincipalResolver(StsClient sts, IamClient iam) {
        this.sts = sts;
        this.iam = iam;
    }

    /** {@return a resolver using these clients} */
    public static PrincipalResolver create(StsClient sts, IamClient iam) {
        return new PrincipalResolver(checkNotNull(sts, "sts"), checkNotNull(iam, "iam"));
    }

    /**
     * {@return the principal: the role {@code roleArn} names (with its real path), or the caller}
     *
     * @throws IllegalArgumentException if {@code roleArn} is not a role ARN, the role does not exist in its account,
     *     the role exists under another path, or the caller is a federated user or the root user
     * @throws ValidatorException if an AWS call fails, or the credentials belong to another account or partition than
     *     {@code roleArn} (the role asked for cannot be read)
     */
    public ResolvedPrincipal resolve(@Nullable String roleArn) {
        if (roleArn != null) {
            Arn given = parse(roleArn, "role ARN");
            if (!given.service().equals("iam")
                    || !given.resource().startsWith("role/")
                    || !InputRules.IAM_PRINCIPAL.matcher(given.resource()).matches()
                    || given.hasRegion()) {
                throw new InvalidInputException("role ARN \"" + InputRules.excerpt(roleArn)
                        + "\" is not valid: expected a role ARN \"arn:<partition>:iam::<account>:role/<path/>name\", the name 1-64 letters,"
                        + " digits and _+=,.@- (no wildcard, no space)");
            }
            return new ResolvedPrincipal(role(given), ResolvedPrincipal.Kind.ROLE, ResolvedPrincipal.GIVEN);
        }
        String caller;
        try {
            caller = sts.getCallerIdentity().arn();
        } catch (SdkException e) {
            throw AwsFailure.of("sts:GetCallerIdentity", e, " (it needs no permission; check the credentials)");
        }
        Arn arn = parse(caller, "caller");
        String resource = arn.resource();
        if (arn.service().equals("iam") && resource.startsWith("user/")) {
            return new ResolvedPrincipal(arn, ResolvedPrincipal.Kind.USER, ResolvedPrincipal.CALLER);
        }
        if (arn.service().equals("iam") && resource.startsWith("role/")) {
            return new ResolvedPrincipal(role(arn), ResolvedPrincipal.Kind.ROLE, ResolvedPrincipal.CALLER);
        }
        if (arn.service().equals("sts") && resource.startsWith("assumed-role/")) {
            String[] parts = resource.split("/", 3);
            // The session keeps the role's partition, account and name, not its path.
            Arn asRole = new Arn(arn.partition(), "iam", "", arn.account(), "role/" + parts[1]);
            return new ResolvedPrincipal(role(asRole), ResolvedPrincipal.Kind.ROLE, ResolvedPrincipal.CALLER);
        }
        if (resource.equals("root")) {
            throw new InvalidInputException("The caller " + caller + " is the account's root user, which IAM's"
                    + " simulator cannot check; name the connector's role instead");
        }
        if (resource.startsWith("federated-user/")) {
            throw new InvalidInputException("The caller " + caller + " is a federated user, which IAM's simulator"
                    + " cannot check; name the connector's role instead");
        }
        throw new InvalidInputException(
                "The caller " + caller + " is not an IAM user or role session; name" + " the connector's role instead");
    }

    /** The role's real ARN, path included, from iam:GetRole, checked against {@code wanted}. */
    private Arn role(Arn wanted) {
        String name = RoleArns.name(wanted);
        Arn found;
        try {
            found = Arn.parse(
                    iam.getRole(request -> request.roleName(name)).role().arn());
        } catch (NoSuchEntityException e) {
            // GetRole looked in the caller's account: if that is another account, the role may well exist there.
            String account = callerAccount();
            if (account != null && !account.equals(wanted.account())) {
                throw new ValidatorException(
                        "Role " + InputRules.excerpt(wanted.toString()) + " cannot be read: the credentials belong to"
                                + " account " + account + ", not " + wanted.account() + " (iam:GetRole only reads"
                                + " roles of the caller's own account); use credentials of account "
                                + wanted.account() + ", for example another AWS profile",
                        e);
            }
            // The role named does not exist where it should: the input is wrong, exit 2 (README, exit codes), like a
            // role ARN of another path. Only a missing role of another account is exit 3 (above): it may exist.
            throw new InvalidInputException(
                    "Role \"" + InputRules.excerpt(name) + "\" (from " + InputRules.excerpt(wanted.toString())
                            + ") does not exist in the account the credentials belong to");
        } catch (SdkException e) {
            throw AwsFailure.of("iam:GetRole", e, GET_ROLE_HINT);
        }
        RoleArns.requireSame(wanted, found);
        return found;
    }

    private @Nullable String callerAccount() {
        try {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            return null; // only used to explain a missing role better; the NoSuchEntity stands on its own
        }
    }

    private static Arn parse(String text, String field) {
        try {
            return Arn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    field + " \"" + InputRules.excerpt(text) + "\" is not valid: "
                            + InputRules.excerpt(String.valueOf(e.getMessage())),
                    e);
        }
    }
}
