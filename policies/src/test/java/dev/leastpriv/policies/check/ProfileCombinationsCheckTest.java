package dev.leastpriv.policies.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.RenderedPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every policy {@code generate} renders passes its own {@code check}: for every profile and every non-empty set of
 * its features (all 2^n - 1 of them), with every optional input given (non-default catalog, Lambda function, spill,
 * KMS, Lake Formation, data, history workgroups, a session database, write locations), the check reports full
 * coverage, no finding and no over-grant.
 */
class ProfileCombinationsCheckTest {

    private static final PolicyCheck CHECK = PolicyCheck.create(ActionCatalog.standard());

    @Test
    void check_everyProfileAndFeatureSet_ownPolicyPassesCleanly() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Profile profile : Profile.values()) {
            List<Feature> features = List.copyOf(profile.features());
            for (int mask = 1; mask < 1 << features.size(); mask++) {
                ImmutableSet.Builder<Feature> subset = ImmutableSet.builder();
                for (int i = 0; i < features.size(); i++) {
                    if ((mask & 1 << i) != 0) {
                        subset.add(features.get(i));
                    }
                }
                ImmutableSet<Feature> wanted = subset.build();
                RenderedPolicy rendered =
                        PolicyRenderer.render(PolicyRequest.of(connection(profile, wanted), profile, wanted));
                CheckReport report = CHECK.check(
                        List.of(new PolicyInput("policy.json", rendered.policy().toJson())),
                        null,
                        rendered.requirements().requirements());
                checked++;
                if (!report.passed()
                        || !report.findings().isEmpty()
                        || !report.overGrants().isEmpty()) {
                    failures.add(profile + " " + wanted + ": passed=" + report.passed() + ", missing="
                            + report.missing().size() + ", findings=" + report.findings() + ", over-grants="
                            + report.overGrants());
                }
            }
        }

        assertThat(failures).isEmpty();
        assertThat(checked).as("profile and feature combinations").isEqualTo(127 + 7 + 63 + 7 + 7 + 7 + 7 + 255);
    }

    private static Connection connection(Profile profile, ImmutableSet<Feature> features) {
        Connection.Builder connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("analytics")
                .addHistoryWorkgroup("etl")
                .addCatalog("awsdatacatalog")
                .addCatalog("dynamodb")
                .addDatabase("sales")
                .addDatabase("marketing")
                .results("s3://athena-results-123456789012/connector/")
                .addData("s3://company-data-lake/warehouse/")
                .addSpill("s3://athena-spill-123456789012/dynamodb/")
                .addKmsKey("1234abcd-12ab-34cd-56ef-1234567890ab")
                .lakeFormation(true);
        if (profile != Profile.OPENMETADATA) {
            connection.sessionDatabase("scratch");
        }
        if (features.contains(Feature.FEDERATED_QUERY)) {
            connection.addLambda("athena-dynamodb-connector"); // a Lambda function implies federated-query
        }
        if (features.contains(Feature.MODELS)) {
            connection.addWriteLocation("s3://company-data-lake/dbt/");
        }
        return connection.build();
    }
}
