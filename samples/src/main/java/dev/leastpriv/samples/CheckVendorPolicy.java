package dev.leastpriv.samples;

import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.check.CheckReport;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.policies.check.Finding;
import dev.leastpriv.policies.check.PolicyCheck;
import dev.leastpriv.policies.check.PolicyInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the policy OpenMetadata's documentation publishes against what OpenMetadata's default features need, offline:
 * what it misses (with the evidence for each requirement) and what it gets wrong. Run it from the repository root
 * with {@code java -cp "cli/target/leastpriv-cli-0.1.0-SNAPSHOT-all.jar:samples/target/classes"
 * dev.leastpriv.samples.CheckVendorPolicy}.
 */
public final class CheckVendorPolicy {

    private CheckVendorPolicy() {}

    /** {@return the requirements of the connection the vendor's policy is meant for} */
    static RequirementSet requirements() {
        Connection connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .addDatabase("sales")
                .addDatabase("marketing")
                .results("s3://athena-results-123456789012/openmetadata/")
                .build();
        return RequirementSet.of(PolicyRequest.of(connection, Profile.OPENMETADATA, List.of()));
    }

    /** {@return the check of {@code policyJson} against {@link #requirements()}} */
    static CheckReport check(String fileName, String policyJson) {
        return PolicyCheck.create(ActionCatalog.standard())
                .check(List.of(new PolicyInput(fileName, policyJson)), null, requirements());
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "samples/policies/openmetadata-docs-policy.json");
        CheckReport report = check(file.toString(), Files.readString(file));
        for (Coverage coverage : report.missing()) {
            System.out.println("MISSING " + coverage.requirement().feature() + " "
                    + coverage.requirement().action() + " on " + coverage.deniedResource() + "\n    "
                    + coverage.requirement().evidence());
        }
        for (Finding finding : report.findings()) {
            System.out.println(finding.severity().jsonValue() + " " + finding.code() + " " + finding.message());
        }
        System.out.println(report.passed() ? "PASS" : "FAIL");
    }
}
