package dev.leastpriv.assertj;

import dev.leastpriv.core.Policy;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import java.util.List;

/** Real rendered policies and hand-written ones with denies, NotAction and conditions. */
final class Fixtures {

    static final String GLUE = "arn:aws:glue:eu-west-1:123456789012:";
    static final String RESULTS_OBJECTS = "arn:aws:s3:::athena-results-123456789012/openmetadata/*";
    static final String DATA_OBJECTS = "arn:aws:s3:::company-data-lake/warehouse/*";
    static final String WORKGROUP = "arn:aws:athena:eu-west-1:123456789012:workgroup/metadata";

    /** OpenMetadata on one database with a data location: what the kit's README example renders. */
    static final Connection CONNECTION = Connection.builder()
            .region("eu-west-1")
            .account("123456789012")
            .workgroup("metadata")
            .addDatabase("sales")
            .results("s3://athena-results-123456789012/openmetadata/")
            .addData("s3://company-data-lake/warehouse/")
            .build();

    /** The rendered metadata policy: no data read. */
    static final Policy METADATA = render(Feature.METADATA);

    /** The rendered metadata and profiler policy: reads the data lake, writes only query results. */
    static final Policy METADATA_AND_PROFILER = render(Feature.METADATA, Feature.PROFILER);

    /** Everything in the lake bucket, except writes under raw/. */
    static final Policy LAKE_WITH_DENY = policy("""
            {'Version': '2012-10-17', 'Statement': [
              {'Sid': 'Lake', 'Effect': 'Allow', 'Action': 's3:*',
               'Resource': ['arn:aws:s3:::company-data-lake', 'arn:aws:s3:::company-data-lake/*']},
              {'Sid': 'DenyRawWrites', 'Effect': 'Deny', 'Action': ['s3:PutObject', 's3:DeleteObject'],
               'Resource': 'arn:aws:s3:::company-data-lake/raw/*'}]}
            """);

    /** Every action except IAM's, on every resource. */
    static final Policy ALL_BUT_IAM = policy("""
            {'Version': '2012-10-17', 'Statement': [
              {'Sid': 'EverythingButIam', 'Effect': 'Allow', 'NotAction': 'iam:*', 'Resource': '*'}]}
            """);

    /** Queries only from the office network; nothing over plain HTTP. */
    static final Policy CONDITIONAL = policy("""
            {'Version': '2012-10-17', 'Statement': [
              {'Sid': 'FromOffice', 'Effect': 'Allow', 'Action': 'athena:StartQueryExecution',
               'Resource': 'arn:aws:athena:eu-west-1:123456789012:workgroup/metadata',
               'Condition': {'IpAddress': {'aws:SourceIp': '203.0.113.0/24'}}},
              {'Sid': 'Results', 'Effect': 'Allow', 'Action': 's3:GetObject',
               'Resource': 'arn:aws:s3:::athena-results-123456789012/openmetadata/*'},
              {'Sid': 'TlsOnly', 'Effect': 'Deny', 'Action': 's3:*', 'Resource': '*',
               'Condition': {'Bool': {'aws:SecureTransport': 'false'}}}]}
            """);

    private Fixtures() {}

    static Policy render(Feature... features) {
        return PolicyRenderer.render(PolicyRequest.of(CONNECTION, Profile.OPENMETADATA, List.of(features)))
                .policy();
    }

    /** {@return the policy in {@code json}, written with single quotes for readability} */
    static Policy policy(String json) {
        return Policy.fromJson(json.replace('\'', '"'));
    }
}
