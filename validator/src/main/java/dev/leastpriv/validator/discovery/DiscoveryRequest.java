package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.KmsAlias;
import dev.leastpriv.core.KmsKey;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Region;
import dev.leastpriv.core.S3Location;
import dev.leastpriv.policies.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What discovery asks the account about, derived from a {@link dev.leastpriv.policies.PolicyRequest} by
 * {@link Discovery#discover(dev.leastpriv.policies.PolicyRequest, Iterable)}: not a second model of a connection, only
 * the questions (which workgroup, catalogs, results location, keys to resolve, whose query history). Library users pass
 * the policy request; this view appears in a {@link DiscoveredAccount} to say what was asked.
 *
 * <p>{@code results} is kept in the form {@code s3://bucket/prefix/} (a prefix without its final slash is a folder,
 * as Athena reads it). KMS keys may be key ids, key ARNs, alias names ({@code alias/x}) or alias ARNs: discovery
 * resolves aliases to key ARNs, because IAM never matches a key through its alias (athena-connector-needs.md §1).
 *
 * @param workgroup the workgroup the connector names; Athena uses {@code primary} when a request names none
 * @param catalogs the Athena data catalogs the connector reads, as configured
 * @param allDatabases whether every database of the Glue catalog was asked for (Glue is then listed)
 * @param results the configured query result location, or null when the connector sets none
 * @param history whose query history the connector reads; unless {@link HistoryReading#NONE}, discovery lists the
 *     workgroups with {@code athena:ListWorkGroups}
 * @param historyWorkgroups the workgroups whose query history the policy grants (the configured one, the ones the
 *     profile adds, the configured history workgroups), or only {@value Connection#ALL_WORKGROUPS} for every workgroup
 */
public record DiscoveryRequest(
        Partition partition,
        Region region,
        AccountId account,
        String workgroup,
        ImmutableSortedSet<String> catalogs,
        boolean allDatabases,
        @Nullable String results,
        ImmutableSortedSet<String> kmsKeys,
        HistoryReading history,
        ImmutableSortedSet<String> historyWorkgroups) {

    /** Whose query history the connector reads (usage and lineage from past queries). */
    public enum HistoryReading {
        /** No requested feature reads the query history: the workgroups are not listed. */
        NONE,
        /** The connector reads the history of the workgroups it is configured with (a generic client). */
        CONFIGURED_WORKGROUPS,
        /**
         * The connector reads the history of every ENABLED workgroup, whatever is configured: OpenMetadata's usage
         * and lineage (connector-ground-truth.md D1, {@code query_parser.py get_work_groups}).
         */
        EVERY_ENABLED_WORKGROUP
    }

    // Any s3:// URI, as Athena returns output locations: only the bucket is taken from it.
    private static final Pattern ANY_S3_URI = Pattern.compile("s3://([^/]+)(/.*)?", Pattern.DOTALL);

    public DiscoveryRequest {
        checkNotNull(partition, "partition");
        checkNotNull(region, "region");
        checkNotNull(account, "account");
        checkNotNull(workgroup, "workgroup");
        catalogs = ImmutableSortedSet.copyOf(catalogs);
        kmsKeys = ImmutableSortedSet.copyOf(kmsKeys);
        checkNotNull(history, "history");
        historyWorkgroups = ImmutableSortedSet.copyOf(historyWorkgroups);
        // Derived from a Connection, which already refused a partition that does not match its region.
        checkArgument(region.partition().equals(partition), "a discovery request's partition follows its region");
        check(
                InputRules.WORKGROUP.matcher(workgroup).matches(),
                "workgroup",
                workgroup,
                "1-128 letters, digits, '.', '_' or '-'");
        for (String catalog : catalogs) {
            check(
                    InputRules.CATALOG.matcher(catalog).matches(),
                    "catalog",
                    catalog,
                    "1-127 letters, digits, '_', '@' or '-'");
        }
        if (results != null) {
            // The rules of a results location live once, in S3Location; it keeps the "s3://bucket/prefix/" form.
            results = S3Location.parse("results", results).toString();
        }
        for (String key : kmsKeys) {
            // A key the connection holds, or an alias discovery resolves: each form is checked by its own type.
            if (KmsAlias.looksLikeAlias(key)) {
                KmsAlias.parse(key);
            } else {
                KmsKey.parse(key);
            }
        }
        for (String name : historyWorkgroups) {
            check(
                    name.equals(Connection.ALL_WORKGROUPS)
                            || InputRules.WORKGROUP.matcher(name).matches(),
                    "history-workgroup",
                    name,
                    "1-128 letters, digits, '.', '_' or '-', or \"*\" for every workgroup");
        }
        checkArgument(
                !historyWorkgroups.contains(Connection.ALL_WORKGROUPS) || historyWorkgroups.size() == 1,
                "history-workgroup \"*\" means every workgroup; do not combine it with names (%s)",
                historyWorkgroups);
    }

    /** {@return a builder for a connection in {@code region} of {@code account}; the partition follows the region} */
    static Builder builder(Region region, AccountId account) {
        return new Builder(checkNotNull(region, "region"), checkNotNull(account, "account"));
    }

    /** {@return whether the policy grants the query history of every workgroup} */
    public boolean allHistoryWorkgroups() {
        return historyWorkgroups.contains(Connection.ALL_WORKGROUPS);
    }

    /**
     * {@return whether the policy grants the query history of {@code name}}: named as a history workgroup, the
     * configured workgroup (always granted), or every workgroup
     */
    public boolean grantsHistoryOf(String name) {
        checkNotNull(name, "name");
        return allHistoryWorkgroups() || historyWorkgroups.contains(name) || workgroup.equals(name);
    }

    /** {@return whether discovery lists the workgroups: history is read and not already granted on all of them} */
    public boolean listsWorkgroups() {
        return history != HistoryReading.NONE && !allHistoryWorkgroups();
    }

    /** {@return the bucket of the configured results location, or null when none is configured} */
    public @Nullable String resultsBucket() {
        return results == null ? null : bucketOf(results);
    }

    /** {@return {@code s3://bucket/prefix/}: the bucket followed by "/", a prefix always ending with "/"} */
    static String normalize(String s3Uri) {
        String rest = s3Uri.substring("s3://".length());
        if (!rest.contains("/")) {
            return s3Uri + "/";
        }
        return s3Uri.endsWith("/") ? s3Uri : s3Uri + "/";
    }

    /** {@return the bucket of an {@code s3://} URI, or null when the text is not one} */
    static @Nullable String bucketOf(String s3Uri) {
        Matcher matcher = ANY_S3_URI.matcher(s3Uri);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static void check(boolean ok, String field, String value, String expected) {
        InputRules.check(ok, field, value, "expected " + expected);
    }

    /** Collects a request; scalar setters replace, {@code add} appends. Validation happens in {@link #build()}. */
    static final class Builder {
        private final Region region;
        private final AccountId account;
        private @Nullable Partition partition;
        private String workgroup = Connection.DEFAULT_WORKGROUP;
        private final List<String> catalogs = new ArrayList<>();
        private boolean allDatabases;
        private @Nullable String results;
        private final List<String> kmsKeys = new ArrayList<>();
        private HistoryReading history = HistoryReading.NONE;
        private final List<String> historyWorkgroups = new ArrayList<>();

        private Builder(Region region, AccountId account) {
            this.region = region;
            this.account = account;
        }

        @CanIgnoreReturnValue
        public Builder partition(Partition partition) {
            this.partition = checkNotNull(partition, "partition");
            return this;
        }

        @CanIgnoreReturnValue
        public Builder workgroup(String workgroup) {
            this.workgroup = checkNotNull(workgroup, "workgroup");
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addCatalog(String catalog) {
            catalogs.add(checkNotNull(catalog, "catalog"));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder allDatabases(boolean allDatabases) {
            this.allDatabases = allDatabases;
            return this;
        }

        @CanIgnoreReturnValue
        public Builder results(@Nullable String results) {
            this.results = results;
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addKmsKey(String key) {
            kmsKeys.add(checkNotNull(key, "kms-key"));
            return this;
        }

        /** Whose query history the connector reads; {@link HistoryReading#NONE} unless set. */
        @CanIgnoreReturnValue
        public Builder history(HistoryReading history) {
            this.history = checkNotNull(history, "history");
            return this;
        }

        /** Adds a workgroup whose query history the policy grants; {@code *} for every workgroup. */
        @CanIgnoreReturnValue
        public Builder addHistoryWorkgroup(String workgroup) {
            historyWorkgroups.add(checkNotNull(workgroup, "history-workgroup"));
            return this;
        }

        /**
         * {@return the request}
         *
         * @throws IllegalArgumentException naming the field, the quoted value and what was expected
         */
        public DiscoveryRequest build() {
            return new DiscoveryRequest(
                    partition == null ? region.partition() : partition,
                    region,
                    account,
                    workgroup,
                    ImmutableSortedSet.copyOf(catalogs),
                    allDatabases,
                    results,
                    ImmutableSortedSet.copyOf(kmsKeys),
                    history,
                    ImmutableSortedSet.copyOf(historyWorkgroups));
        }
    }
}
