package dev.leastpriv.cli;

import dev.leastpriv.core.Partition;
import dev.leastpriv.validator.discovery.Discovery;
import dev.leastpriv.validator.probe.Probe;
import dev.leastpriv.validator.probe.ProbeCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.s3.S3Client;
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
    private final AwsCredentialsProvider credentials;
    private final ClientOverrideConfiguration retries;
    private final Region region;
    private final List<AutoCloseable> discoveryClients = new ArrayList<>();

    private AwsClients(
            IamClient iam,
            StsClient sts,
            AwsCredentialsProvider credentials,
            ClientOverrideConfiguration retries,
            Region region) {
        this.iam = iam;
        this.sts = sts;
        this.credentials = credentials;
        this.retries = retries;
        this.region = region;
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
        return new AwsClients(iam, sts, credentials, retries, Region.of(region));
    }

    /**
     * {@return a discovery reading with clients built like IAM's, in the connection's region}; built only when asked
     * for, so a preflight without {@code --discover} never loads these services. The S3 client may follow a bucket
     * to another region, or a results bucket elsewhere could not have its encryption read.
     */
    Discovery discovery() {
        AthenaClient athena = build(AthenaClient.builder());
        GlueClient glue = build(GlueClient.builder());
        S3Client s3 = build(S3Client.builder().crossRegionAccessEnabled(true));
        KmsClient kms = build(KmsClient.builder());
        LakeFormationClient lakeFormation = build(LakeFormationClient.builder());
        return Discovery.create(athena, glue, s3, kms, lakeFormation);
    }

    /**
     * {@return a probe whose Athena, Glue and S3 clients call with {@code probeCredentials} (a session of the
     * connector's role, or the caller's own), built like IAM's: same retries (throttling that outlasts them is
     * inconclusive), endpoints and time limits}
     */
    Probe probe(ProbeCredentials probeCredentials) {
        AwsCredentialsProvider provider = probeCredentials.provider();
        return Probe.create(
                build(AthenaClient.builder(), provider),
                build(GlueClient.builder(), provider),
                build(S3Client.builder().crossRegionAccessEnabled(true), provider));
    }

    /** {@return the credentials of a session of {@code roleArn}, or the caller's own when it is null} */
    ProbeCredentials probeCredentials(@Nullable String roleArn, @Nullable String externalId) {
        return roleArn == null
                ? ProbeCredentials.caller(sts, credentials)
                : ProbeCredentials.assume(sts, roleArn, externalId);
    }

    private <C extends AutoCloseable, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(
            B builder) {
        return build(builder, credentials);
    }

    private <C extends AutoCloseable, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(
            B builder, AwsCredentialsProvider with) {
        C client = builder.region(region)
                .credentialsProvider(with)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(retries)
                .build();
        discoveryClients.add(client);
        return client;
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
        for (AutoCloseable client : discoveryClients) {
            try {
                client.close();
            } catch (Exception e) {
                // closing an SDK client releases local resources only; nothing a user can act on
            }
        }
    }
}
