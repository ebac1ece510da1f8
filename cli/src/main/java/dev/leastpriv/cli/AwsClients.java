package dev.leastpriv.cli;

import dev.leastpriv.core.Partition;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AWS clients built the standard way: the SDK's default credential chain or a named profile (which may assume a
 * role with an external id), endpoints from {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} as the
 * SDK reads them, the standard retry strategy with a bounded number of attempts, and IAM through its partition's
 * global region (iam-reference.md §1.8).
 */
final class AwsClients implements AutoCloseable {

    /** Attempts per call, the first included: throttling that outlasts them makes the check inconclusive. */
    static final int MAX_ATTEMPTS = 4;

    final IamClient iam;
    final StsClient sts;

    private AwsClients(IamClient iam, StsClient sts) {
        this.iam = iam;
        this.sts = sts;
    }

    static AwsClients create(Partition partition, String region, @Nullable String profile, Duration attemptTimeout) {
        AwsCredentialsProvider credentials = profile == null
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile).build();
        ClientOverrideConfiguration retries = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .apiCallAttemptTimeout(attemptTimeout)
                .build();
        IamClient iam = IamClient.builder()
                .region(globalRegion(partition, region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(retries)
                .build();
        StsClient sts = StsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(retries)
                .build();
        return new AwsClients(iam, sts);
    }

    /** IAM is global per partition; its endpoint and signing region follow the partition, not the region. */
    static Region globalRegion(Partition partition, String region) {
        if (partition.equals(Partition.AWS)) {
            return Region.AWS_GLOBAL;
        }
        if (partition.equals(Partition.AWS_CN)) {
            return Region.AWS_CN_GLOBAL;
        }
        if (partition.equals(Partition.AWS_US_GOV)) {
            return Region.AWS_US_GOV_GLOBAL;
        }
        return Region.of(region);
    }

    @Override
    public void close() {
        iam.close();
        sts.close();
    }
}
