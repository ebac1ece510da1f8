package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.validator.discovery.DiscoveredKey.Source;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads what the account says about a connection (a preflight with discovery): the workgroup, the enabled
 * workgroups when the connector reads query history, the data catalogs, the Glue databases when all were asked for,
 * the results bucket, the KMS keys behind aliases and Lake Formation's settings (athena-connector-needs.md PF-03,
 * PF-04, PF-05, PF-07, PF-08; connector-ground-truth.md D1).
 *
 * <pre>{@code
 * DiscoveredAccount account = Discovery.create(athena, glue, s3, kms, lakeFormation).discover(request, List.of());
 * Connection checked = account.applyTo(request.connection());
 * if (!account.complete()) { ... some call failed: report inconclusive ... }
 * }</pre>
 *
 * <p>Every call is a read. A denied call becomes a {@link DiscoveryFinding.Kind#DENIED} finding and the fact stays
 * unknown; any other failure a {@link DiscoveryFinding.Kind#FAILED} one, and {@link DiscoveredAccount#complete()}
 * is then false. Nothing is thrown for AWS errors. The clients must be built for the connection's region; the S3
 * client should have {@code crossRegionAccessEnabled(true)}, or a results bucket in another region cannot have its
 * encryption read. The caller owns the clients and closes them; retries are theirs to configure.
 */
public final class Discovery {

    static final String GLUE_GET_DATABASES = "glue:GetDatabases";

    private final AthenaClient athena;
    private final GlueClient glue;
    private final S3Client s3;
    private final KmsClient kms;
    private final LakeFormationClient lakeFormation;

    private Discovery(
            AthenaClient athena, GlueClient glue, S3Client s3, KmsClient kms, LakeFormationClient lakeFormation) {
        this.athena = athena;
        this.glue = glue;
        this.s3 = s3;
        this.kms = kms;
        this.lakeFormation = lakeFormation;
    }

    /** {@return a discovery reading through these clients, which the caller owns} */
    public static Discovery create(
            AthenaClient athena, GlueClient glue, S3Client s3, KmsClient kms, LakeFormationClient lakeFormation) {
        return new Discovery(
                checkNotNull(athena, "athena"),
                checkNotNull(glue, "glue"),
                checkNotNull(s3, "s3"),
                checkNotNull(kms, "kms"),
                checkNotNull(lakeFormation, "lakeFormation"));
    }

    /**
     * {@return what the account says about the connection of {@code request}}; AWS errors become findings, never
     * exceptions. {@link DiscoveredAccount#applyTo} turns the answers into the connection a preflight should check.
     *
     * @param kmsAliases KMS aliases ({@code alias/name} or alias ARNs) to resolve to key ARNs besides the connection's
     *     keys: a connection holds key ARNs only, since an alias in a policy never authorizes the key
     * @throws IllegalArgumentException if the connection has no region or account (a template), or an alias is not
     *     one
     */
    public DiscoveredAccount discover(PolicyRequest request, Iterable<String> kmsAliases) {
        checkNotNull(request, "request");
        checkNotNull(kmsAliases, "kmsAliases");
        return discover(DiscoveredConnection.request(request.requireValues("discovery"), kmsAliases));
    }

    /** What the account says about {@code request}; the request is derived from a connection. */
    DiscoveredAccount discover(DiscoveryRequest request) {
        checkNotNull(request, "request");
        DiscoveryFindings findings = new DiscoveryFindings();
        DiscoveredWorkgroup workgroup =
                WorkgroupReader.read(athena, request, findings).orElse(null);
        DiscoveredWorkgroups workgroups = request.listsWorkgroups()
                ? WorkgroupReader.list(athena, request, findings).orElse(null)
                : null;
        ImmutableList<DiscoveredCatalog> catalogs = DataCatalogReader.read(athena, request, findings);
        Optional<List<String>> databases = request.allDatabases() ? databases(request, findings) : Optional.empty();
        String results = DiscoveredAccount.resultsLocation(request, workgroup);
        String bucket = results == null ? null : DiscoveryRequest.bucketOf(results);
        DiscoveredBucket resultsBucket = bucket == null ? null : BucketReader.read(s3, bucket, request, findings);
        ImmutableList<DiscoveredKey> keys = keys(request, workgroup, resultsBucket, findings);
        DiscoveredLakeFormation settings =
                LakeFormationReader.read(lakeFormation, request, findings).orElse(null);
        return new DiscoveredAccount(
                request,
                workgroup,
                workgroups,
                catalogs,
                databases.isPresent(),
                ImmutableList.copyOf(databases.orElse(List.of())),
                resultsBucket,
                keys,
                settings,
                findings.build());
    }

    /** The databases of the connection's own Glue catalog, every page. */
    private Optional<List<String>> databases(DiscoveryRequest request, DiscoveryFindings findings) {
        String account = request.account().value();
        Optional<List<String>> names = findings.call(
                GLUE_GET_DATABASES,
                "which databases the Glue catalog of account " + account + " holds",
                () -> glue.getDatabasesPaginator(r -> r.catalogId(account)).stream()
                        .flatMap(page -> page.databaseList().stream())
                        .map(Database::name)
                        .sorted()
                        .toList());
        names.ifPresent(list -> findings.add(
                GLUE_GET_DATABASES,
                list.isEmpty() ? Level.WARNING : Level.INFO,
                list.isEmpty()
                        ? "the Glue catalog of account " + account + " holds no databases"
                        : "the Glue catalog of account " + account + " holds " + list.size() + " database"
                                + (list.size() == 1 ? "" : "s") + ": " + String.join(", ", list)));
        return names;
    }

    /** Configured keys, then the workgroup's result keys, then the results bucket's default key, each resolved. */
    private ImmutableList<DiscoveredKey> keys(
            DiscoveryRequest request,
            @Nullable DiscoveredWorkgroup workgroup,
            @Nullable DiscoveredBucket bucket,
            DiscoveryFindings findings) {
        KeyReader reader = new KeyReader(kms, request, findings);
        ImmutableList.Builder<DiscoveredKey> keys = ImmutableList.builder();
        for (String key : request.kmsKeys()) {
            keys.add(reader.resolve(key, Source.CONFIGURED));
        }
        if (workgroup != null && workgroup.encryption().usesKms() && workgroup.kmsKey() != null) {
            keys.add(reader.resolve(workgroup.kmsKey(), Source.WORKGROUP_RESULTS));
        }
        if (workgroup != null && workgroup.managedResultsKmsKey() != null) {
            keys.add(reader.resolve(workgroup.managedResultsKmsKey(), Source.MANAGED_RESULTS));
        }
        if (bucket != null && bucket.encryption().usesKms()) {
            // SSE-KMS without a key id means the AWS managed key of S3.
            keys.add(reader.resolve(bucket.kmsKey() == null ? "alias/aws/s3" : bucket.kmsKey(), Source.RESULTS_BUCKET));
        }
        return keys.build();
    }
}
