package dev.leastpriv.validator;

import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.RenderedPolicy;
import java.util.stream.IntStream;

/** Rendered connector policies for preflight tests and benchmarks: real requirements, not hand-written ones. */
public final class ConnectorPolicies {

    private ConnectorPolicies() {}

    /**
     * {@return the openmetadata profile with every feature (federated catalog, Lake Formation, KMS) and
     * {@code databases} databases named db0, db1, …}
     */
    public static RenderedPolicy openmetadata(int databases) {
        Connection.Builder connection = Connection.builder()
                .region("us-east-1")
                .account("123456789012")
                .workgroup("metadata")
                .results("s3://athena-results-123456789012/openmetadata/")
                .addData("s3://company-data-lake/warehouse/")
                .addCatalog("AwsDataCatalog")
                .addCatalog("dynamodb")
                .addLambda("athena-dynamodb-connector")
                .lakeFormation(true)
                .addKmsKey("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        IntStream.range(0, databases).forEach(i -> connection.addDatabase("db" + i));
        return PolicyRenderer.render(
                PolicyRequest.of(connection.build(), Profile.OPENMETADATA, Profile.OPENMETADATA.features()));
    }
}
