package dev.leastpriv.samples;

import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.validator.preflight.Preflight;
import dev.leastpriv.validator.preflight.PreflightReport;
import dev.leastpriv.validator.preflight.PrincipalResolver;
import dev.leastpriv.validator.preflight.ResolvedPrincipal;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Checks a live role before OpenMetadata is set up: resolves the role, reads its policies (the fetch mode; the
 * simulate mode asks IAM's policy simulator instead), evaluates every requirement, and prints the statements to add.
 * It needs AWS credentials that may call {@code iam:GetRole}, {@code iam:ListRolePolicies}, {@code iam:GetRolePolicy},
 * {@code iam:ListAttachedRolePolicies}, {@code iam:GetPolicy} and {@code iam:GetPolicyVersion}. Run it with
 * {@code java -cp "cli/target/leastpriv-cli-0.1.0-SNAPSHOT-all.jar:samples/target/classes"
 * dev.leastpriv.samples.PreflightRole arn:aws:iam::123456789012:role/openmetadata}.
 */
public final class PreflightRole {

    private PreflightRole() {}

    /** {@return what the connector needs: OpenMetadata's default features on one database} */
    static PolicyRequest request() {
        Connection connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .addDatabase("sales")
                .results("s3://athena-results-123456789012/openmetadata/")
                .build();
        return PolicyRequest.of(connection, Profile.OPENMETADATA, List.of());
    }

    /** {@return the preflight of {@code roleArn} against {@link #request()}, reading the role's policies} */
    static PreflightReport run(IamClient iam, StsClient sts, String roleArn) {
        ResolvedPrincipal role = PrincipalResolver.create(sts, iam).resolve(roleArn);
        return Preflight.fetch(iam).run(role, RequirementSet.of(request()));
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PreflightRole ROLE_ARN");
            System.exit(2);
        }
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build();
                StsClient sts = StsClient.builder().region(Region.EU_WEST_1).build()) {
            PreflightReport report = run(iam, sts, args[0]);
            for (Coverage coverage : report.coverage()) {
                System.out.println(coverage.verdict().jsonValue() + " "
                        + coverage.requirement().feature() + " "
                        + coverage.requirement().action());
            }
            report.fix(request()).ifPresent(fix -> System.out.println("Add:\n" + fix.toJson()));
            System.out.println(report.passed() ? "PASS" : report.denied() ? "FAIL" : "INCONCLUSIVE");
        }
    }
}
