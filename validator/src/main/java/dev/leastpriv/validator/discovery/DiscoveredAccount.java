package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.validator.discovery.DiscoveryRequest.HistoryReading;
import java.util.Comparator;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the account says about a connection: the facts {@link Discovery} could read, and findings for what it
 * learned, what it was denied and what failed. A null component means the fact is unknown; the findings say why.
 *
 * @param workgroup the workgroup, or null when it could not be read
 * @param workgroups every workgroup of the region, or null when they were not listed (only when the connector reads
 *     query history) or could not be
 * @param catalogs the configured catalogs that could be read, in the request's order
 * @param databasesListed whether the Glue databases were listed (only when all databases were asked for)
 * @param databases the Glue database names, sorted; empty unless listed
 * @param resultsBucket the bucket results are written to ({@link #resultsLocation()}), or null when there is none
 * @param kmsKeys the keys the connector needs: configured ones, then the workgroup's, then the results bucket's
 * @param lakeFormation the Lake Formation settings, or null when they could not be read
 */
public record DiscoveredAccount(
        DiscoveryRequest request,
        @Nullable DiscoveredWorkgroup workgroup,
        @Nullable DiscoveredWorkgroups workgroups,
        ImmutableList<DiscoveredCatalog> catalogs,
        boolean databasesListed,
        ImmutableList<String> databases,
        @Nullable DiscoveredBucket resultsBucket,
        ImmutableList<DiscoveredKey> kmsKeys,
        @Nullable DiscoveredLakeFormation lakeFormation,
        ImmutableList<DiscoveryFinding> findings) {

    /** The caveat a report carries when Lake Formation governs the catalog (athena-connector-needs.md A9). */
    public static final String LAKE_FORMATION_CAVEAT = "Lake Formation governs this catalog: its grants are outside"
            + " IAM and cannot be simulated, so \"allowed\" by IAM is necessary, not sufficient; grant DESCRIBE and"
            + " SELECT in Lake Formation to the role ARN (not a session ARN)";

    public DiscoveredAccount {
        checkNotNull(request, "request");
        catalogs = ImmutableList.copyOf(catalogs);
        databases = ImmutableList.sortedCopyOf(databases);
        kmsKeys = ImmutableList.copyOf(kmsKeys);
        findings = ImmutableList.copyOf(findings);
    }

    /**
     * {@return whether every discovery call either answered or was denied}; false when one failed otherwise
     * (throttling after retries, 5xx, network, credentials), so what is unknown is not known to be unknowable
     */
    public boolean complete() {
        return findings.stream().noneMatch(f -> f.kind() == DiscoveryFinding.Kind.FAILED);
    }

    /** {@return the findings at {@code level}, in discovery order} */
    public ImmutableList<DiscoveryFinding> findings(DiscoveryFinding.Level level) {
        checkNotNull(level, "level");
        return findings.stream().filter(f -> f.level() == level).collect(ImmutableList.toImmutableList());
    }

    /** {@return what a preflight report must say it could not check, given these facts} */
    public ImmutableList<String> caveats() {
        return lakeFormation != null && lakeFormation.governs()
                ? ImmutableList.of(LAKE_FORMATION_CAVEAT)
                : ImmutableList.of();
    }

    /**
     * {@return the ENABLED workgroups whose query history the connector reads but the request's policy does not
     * grant}, sorted. Only a connector that reads every enabled workgroup has them; empty when the workgroups were
     * not listed. A preflight checks them too, since the connector stops at the first history it may not read.
     */
    public ImmutableSortedSet<String> uncoveredHistoryWorkgroups() {
        if (workgroups == null || request.history() != HistoryReading.EVERY_ENABLED_WORKGROUP) {
            return ImmutableSortedSet.of();
        }
        return workgroups.enabled().stream()
                .filter(name -> !request.grantsHistoryOf(name))
                .collect(ImmutableSortedSet.toImmutableSortedSet(Comparator.naturalOrder()));
    }

    /**
     * {@return {@code connection} with what the account says applied}: the databases behind "all databases", the
     * enforced results location, KMS key ARNs, the Lambda functions of federated catalogs, canonical catalog names,
     * Lake Formation, and the enabled workgroups whose query history the connector reads but the connection does not
     * name. What discovery could not read leaves the connection as it was; every other input is kept.
     *
     * @throws dev.leastpriv.validator.ValidatorException if the workgroup's result location cannot be expressed as a
     *     policy resource (discovery reports such a location as a finding and drops it first)
     */
    public Connection applyTo(Connection connection) {
        return DiscoveredConnection.apply(connection, this);
    }

    /** {@return the discovered catalog the user configured as {@code configured}, when it could be read} */
    public Optional<DiscoveredCatalog> catalog(String configured) {
        checkNotNull(configured, "configured");
        return catalogs.stream().filter(c -> c.configured().equals(configured)).findFirst();
    }

    /**
     * {@return where queries write their results ({@code s3://bucket/prefix/}), or null when nowhere in S3}
     *
     * <p>Athena's rule (athena-connector-needs.md A5, A8): managed query results are not in the caller's S3; an
     * enforced workgroup location replaces the client's; otherwise the client's location, else the workgroup's.
     * When the workgroup is unknown, the configured location is assumed.
     */
    public @Nullable String resultsLocation() {
        return resultsLocation(request, workgroup);
    }

    static @Nullable String resultsLocation(DiscoveryRequest request, @Nullable DiscoveredWorkgroup workgroup) {
        if (workgroup == null || !workgroup.exists()) {
            return request.results();
        }
        if (workgroup.managedResults()) {
            return null;
        }
        if (workgroup.enforced() && workgroup.outputLocation() != null) {
            return workgroup.outputLocation();
        }
        return request.results() != null ? request.results() : workgroup.outputLocation();
    }
}
