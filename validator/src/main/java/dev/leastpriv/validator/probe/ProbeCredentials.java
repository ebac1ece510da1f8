package dev.leastpriv.validator.probe;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.InvalidInputException;
import dev.leastpriv.validator.AwsFailure;
import dev.leastpriv.validator.ValidatorException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The credentials a probe calls AWS with, and the principal they belong to: a session of the connector's role
 * ({@code sts:AssumeRole}), or the caller's own credentials.
 *
 * <p>An assumed session is not refreshed: STS gives it an hour (the AssumeRole default, {@code DurationSeconds}
 * 3600), far longer than a probe runs.
 */
public record ProbeCredentials(AwsCredentialsProvider provider, String principal, String source) {

    /** The source of a session of a role the probe assumed. */
    public static final String ASSUMED = "assumed";
    /** The source of the caller's own credentials. */
    public static final String CALLER = "caller";

    static final String SESSION_NAME = "leastpriv-probe";

    public ProbeCredentials {
        checkNotNull(provider, "provider");
        checkNotNull(principal, "principal");
        checkNotNull(source, "source");
    }

    /**
     * {@return a session of {@code roleArn}, assumed with the caller's {@code sts} client, presenting
     * {@code externalId} when it is not null}
     *
     * @throws IllegalArgumentException if {@code roleArn} is not a role ARN
     * @throws ValidatorException if the role cannot be assumed (the probe could not run)
     */
    public static ProbeCredentials assume(StsClient sts, String roleArn, @Nullable String externalId) {
        checkNotNull(sts, "sts");
        checkNotNull(roleArn, "roleArn");
        Arn role;
        try {
            role = Arn.parse(roleArn);
        } catch (IllegalArgumentException e) {
            role = null;
        }
        if (role == null
                || !role.service().equals("iam")
                || !role.resource().startsWith("role/")
                || !InputRules.IAM_PRINCIPAL.matcher(role.resource()).matches()) {
            throw new InvalidInputException(InputRules.invalid(
                    "role ARN", roleArn, "expected a role ARN \"arn:<partition>:iam::<account>:role/<path/>name\""));
        }
        AssumeRoleResponse response;
        try {
            response = sts.assumeRole(request -> {
                request.roleArn(roleArn).roleSessionName(SESSION_NAME);
                if (externalId != null) {
                    request.externalId(externalId);
                }
            });
        } catch (SdkException e) {
            throw AwsFailure.of(
                    "sts:AssumeRole on " + roleArn,
                    e,
                    " (the role's trust policy must let the caller assume it, with the external id when it asks"
                            + " for one)");
        }
        Credentials credentials = response.credentials();
        return new ProbeCredentials(
                StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())),
                response.assumedRoleUser().arn(),
                ASSUMED);
    }

    /**
     * {@return the caller's own credentials {@code provider}, with the principal {@code sts} (built with them) says
     * they belong to}
     *
     * @throws ValidatorException if {@code sts:GetCallerIdentity} fails (the probe could not run)
     */
    public static ProbeCredentials caller(StsClient sts, AwsCredentialsProvider provider) {
        checkNotNull(sts, "sts");
        checkNotNull(provider, "provider");
        try {
            return new ProbeCredentials(provider, sts.getCallerIdentity().arn(), CALLER);
        } catch (SdkException e) {
            throw AwsFailure.of("sts:GetCallerIdentity", e, " (it needs no permission; check the credentials)");
        }
    }
}
