package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InvalidInputException;
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
 * The caller owns the clients; this class never closes them.
 */
public final class PrincipalResolver {

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
     * @throws IllegalArgumentException if {@code roleArn} is not a role ARN, the role does not exist, or the caller
     *     is a federated user or the root user
     * @throws ValidatorException if an AWS call fails
     */
    public ResolvedPrincipal resolve(@Nullable String roleArn) {
        if (roleArn != null) {
            Arn given = parse(roleArn, "role ARN");
            if (!given.service().equals("iam") || !given.resource().startsWith("role/")) {
                throw new InvalidInputException("role ARN \"" + roleArn
                        + "\" is not valid: expected a role ARN \"arn:<partition>:iam::<account>:role/<path/>name\"");
            }
            return new ResolvedPrincipal(
                    role(lastSegment(given.resource()), roleArn), ResolvedPrincipal.Kind.ROLE, ResolvedPrincipal.GIVEN);
        }
        String caller;
        try {
            caller = sts.getCallerIdentity().arn();
        } catch (SdkException e) {
            throw new ValidatorException(
                    "Cannot resolve the caller with sts:GetCallerIdentity (it needs no"
                            + " permission; check the credentials): " + e.getMessage(),
                    e);
        }
        Arn arn = parse(caller, "caller");
        String resource = arn.resource();
        if (arn.service().equals("iam") && resource.startsWith("user/")) {
            return new ResolvedPrincipal(arn, ResolvedPrincipal.Kind.USER, ResolvedPrincipal.CALLER);
        }
        if (arn.service().equals("iam") && resource.startsWith("role/")) {
            return new ResolvedPrincipal(arn, ResolvedPrincipal.Kind.ROLE, ResolvedPrincipal.CALLER);
        }
        if (arn.service().equals("sts") && resource.startsWith("assumed-role/")) {
            String[] parts = resource.split("/", 3);
            return new ResolvedPrincipal(role(parts[1], caller), ResolvedPrincipal.Kind.ROLE, ResolvedPrincipal.CALLER);
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

    /** The role's real ARN, path included, from iam:GetRole. */
    private Arn role(String name, String asGiven) {
        try {
            return Arn.parse(
                    iam.getRole(request -> request.roleName(name)).role().arn());
        } catch (NoSuchEntityException e) {
            throw new InvalidInputException("Role \"" + name + "\" (from " + asGiven + ") does not exist in the"
                    + " account the credentials belong to");
        } catch (SdkException e) {
            throw new ValidatorException(
                    "Cannot read role \"" + name + "\" with iam:GetRole (the caller needs" + " iam:GetRole on it): "
                            + e.getMessage(),
                    e);
        }
    }

    private static Arn parse(String text, String field) {
        try {
            return Arn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + " \"" + text + "\" is not valid: " + e.getMessage(), e);
        }
    }

    private static String lastSegment(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
