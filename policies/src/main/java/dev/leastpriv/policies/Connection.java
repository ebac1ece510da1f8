package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedSet;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.InvalidInputException;
import dev.leastpriv.core.KmsKey;
import dev.leastpriv.core.LambdaFunction;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Region;
import dev.leastpriv.core.S3Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a user has: where Athena runs and what the connector may touch. Every name is validated when the
 * connection is built, and sets are kept sorted, so the same inputs in any order give the same policy.
 *
 * <pre>{@code
 * Connection connection = Connection.builder()
 *         .region("eu-west-1")
 *         .account("123456789012")
 *         .workgroup("analytics")
 *         .addDatabase("sales")
 *         .results("s3://athena-results/openmetadata/")
 *         .build();
 * }</pre>
 *
 * <p>Region, account, results and databases may be absent only when a documentation template with placeholders
 * is rendered ({@link PolicyRequest#placeholders()}). An absent workgroup means {@value #DEFAULT_WORKGROUP} and no
 * catalog means {@value #DEFAULT_CATALOG}, except in a template, where both become placeholders.
 */
public record Connection(
        Partition partition,
        @Nullable Region region,
        @Nullable AccountId account,
        @Nullable String workgroup,
        ImmutableSortedSet<String> historyWorkgroups,
        ImmutableSortedSet<String> catalogs,
        ImmutableSortedSet<String> databases,
        ImmutableSortedSet<String> databasePrefixes,
        @Nullable String sessionDatabase,
        @Nullable S3Location results,
        ImmutableSortedSet<S3Location> data,
        ImmutableSortedSet<S3Location> spill,
        ImmutableSortedSet<S3Location> writeLocations,
        boolean lakeFormation,
        ImmutableSortedSet<LambdaFunction> lambdas,
        ImmutableSortedSet<KmsKey> kmsKeys,
        boolean kms,
        boolean bothCatalogCases) {

    /** The workgroup Athena uses when a request names none. */
    public static final String DEFAULT_WORKGROUP = "primary";
    /** The default Glue-backed catalog, as the connectors send it. */
    public static final String DEFAULT_CATALOG = "awsdatacatalog";
    /** The database selection meaning every database of the catalog. */
    public static final String ALL_DATABASES = "*";
    /** The history workgroup meaning every workgroup of the account ({@code workgroup/*}). */
    public static final String ALL_WORKGROUPS = "*";
    /**
     * The session database PyAthena and the JDBC drivers send with every query when none is configured
     * (PyAthena {@code connection.py} {@code schema_name="default"}; JDBC 3.x {@code Schema} default).
     */
    public static final String DEFAULT_SESSION_DATABASE = "default";

    private static final Comparator<Object> BY_TEXT = Comparator.comparing(Object::toString);
    // Glue folds names to lowercase, so "Sales" and "marketing" sort as the ARNs will: marketing, Sales.
    private static final Comparator<String> BY_NAME =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    public Connection {
        checkNotNull(partition, "partition");
        historyWorkgroups = ImmutableSortedSet.copyOf(historyWorkgroups);
        catalogs = ImmutableSortedSet.copyOf(catalogs);
        databases = ImmutableSortedSet.copyOf(BY_NAME, databases);
        databasePrefixes = ImmutableSortedSet.copyOf(BY_NAME, databasePrefixes);
        data = ImmutableSortedSet.copyOf(BY_TEXT, data);
        spill = ImmutableSortedSet.copyOf(BY_TEXT, spill);
        writeLocations = ImmutableSortedSet.copyOf(BY_TEXT, writeLocations);
        lambdas = ImmutableSortedSet.copyOf(BY_TEXT, lambdas);
        kmsKeys = ImmutableSortedSet.copyOf(BY_TEXT, kmsKeys);
        if (region != null) {
            InputRules.checkInput(
                    region.partition().equals(partition),
                    "partition \"%s\" does not match region \"%s\", which is in partition \"%s\"",
                    partition,
                    region,
                    region.partition());
        }
        InputRules.check(
                workgroup == null || InputRules.WORKGROUP.matcher(workgroup).matches(),
                "workgroup",
                workgroup,
                "expected 1-128 letters, digits, '.', '_' or '-'");
        for (String history : historyWorkgroups) {
            checkHistoryWorkgroup(history);
        }
        InputRules.checkInput(
                !historyWorkgroups.contains(ALL_WORKGROUPS) || historyWorkgroups.size() == 1,
                "history-workgroup \"*\" means every workgroup; do not combine it with names (%s)",
                historyWorkgroups);
        if (sessionDatabase != null) {
            checkSessionDatabase(sessionDatabase);
        }
        for (String catalog : catalogs) {
            InputRules.check(
                    InputRules.CATALOG.matcher(catalog).matches(),
                    "catalog",
                    catalog,
                    "expected 1-127 letters, digits, '_', '@' or '-'");
        }
        for (String database : databases) {
            checkDatabase(database);
        }
        InputRules.checkInput(
                !databases.contains(ALL_DATABASES) || databases.size() == 1,
                "database \"*\" means every database; do not combine it with names (%s)",
                databases);
        for (String prefix : databasePrefixes) {
            // A prefix is a name fragment: the same characters as a name, and the only way a '*' enters a
            // database ARN is the one the renderer appends to it.
            InputRules.check(
                    InputRules.DATABASE.matcher(prefix).matches() && prefix.length() < 255,
                    "database-prefix",
                    prefix,
                    "expected 1-254 letters, digits, '_' or '-' (Glue folds names to lowercase); the policy grants"
                            + " every database whose name starts with it");
        }
        InputRules.checkInput(
                databasePrefixes.isEmpty() || !databases.contains(ALL_DATABASES),
                "database \"*\" means every database; do not combine it with database-prefix (%s)",
                databasePrefixes);
        for (LambdaFunction lambda : lambdas) {
            lambda.unqualifiedArn().ifPresent(arn -> checkPartition("lambda", lambda.toString(), arn, partition));
        }
        for (KmsKey key : kmsKeys) {
            key.keyArn().ifPresent(arn -> checkPartition("kms-key", key.toString(), arn, partition));
        }
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding every input of this connection, to change some and build again} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return whether any database is selected, by name, by prefix or all} */
    public boolean hasDatabases() {
        return !databases.isEmpty() || !databasePrefixes.isEmpty();
    }

    /** {@return whether every database of the catalog is selected} */
    public boolean allDatabases() {
        return databases.contains(ALL_DATABASES);
    }

    /** {@return the workgroup queries run in: the configured one, or {@value #DEFAULT_WORKGROUP}} */
    public String workgroupOrDefault() {
        return workgroup != null ? workgroup : DEFAULT_WORKGROUP;
    }

    /** {@return the session database the tool names on every query: the configured one, or {@code default}} */
    public String sessionDatabaseOrDefault() {
        return sessionDatabase != null ? sessionDatabase : DEFAULT_SESSION_DATABASE;
    }

    private static void checkHistoryWorkgroup(String workgroup) {
        InputRules.check(
                workgroup.equals(ALL_WORKGROUPS)
                        || InputRules.WORKGROUP.matcher(workgroup).matches(),
                "history-workgroup",
                workgroup,
                "expected 1-128 letters, digits, '.', '_' or '-', or \"*\" for every workgroup");
    }

    private static void checkSessionDatabase(String database) {
        InputRules.check(
                InputRules.DATABASE.matcher(database).matches(),
                "session-database",
                database,
                "expected 1-255 letters, digits, '_' or '-': the one database the tool names on every query");
    }

    private static void checkDatabase(String database) {
        if (database.equals(ALL_DATABASES)) {
            return;
        }
        InputRules.check(
                InputRules.DATABASE.matcher(database).matches(),
                "database",
                database,
                "expected 1-255 letters, digits, '_' or '-' (Glue folds names to lowercase), or \"*\" for all"
                        + " databases; '*', '?', '/' and quotes would change the Glue ARN");
    }

    private static void checkPartition(String field, String value, Arn arn, Partition partition) {
        InputRules.check(
                arn.partition().equals(partition),
                field,
                value,
                "expected partition " + InputRules.quote(partition) + ", the connection's partition");
    }

    /**
     * Collects a connection's inputs, validating each as it is given. Scalar setters: last call wins;
     * {@code addX} appends.
     */
    public static final class Builder {
        private @Nullable Partition partition;
        private @Nullable Region region;
        private @Nullable AccountId account;
        private @Nullable String workgroup;
        private final List<String> historyWorkgroups = new ArrayList<>();
        private final List<String> catalogs = new ArrayList<>();
        private final List<String> databases = new ArrayList<>();
        private final List<String> databasePrefixes = new ArrayList<>();
        private @Nullable String sessionDatabase;
        private @Nullable S3Location results;
        private final List<S3Location> data = new ArrayList<>();
        private final List<S3Location> spill = new ArrayList<>();
        private final List<S3Location> writeLocations = new ArrayList<>();
        private boolean lakeFormation;
        private final List<LambdaFunction> lambdas = new ArrayList<>();
        private final List<KmsKey> kmsKeys = new ArrayList<>();
        private boolean kms;
        private boolean bothCatalogCases;

        private Builder() {}

        private Builder(Connection connection) {
            // The partition is kept only when it differs from the region's, so changing the region of a copy
            // moves it to the new region's partition as a fresh builder would.
            this.partition =
                    connection.region == null || !connection.region.partition().equals(connection.partition)
                            ? connection.partition
                            : null;
            this.region = connection.region;
            this.account = connection.account;
            this.workgroup = connection.workgroup;
            this.historyWorkgroups.addAll(connection.historyWorkgroups);
            this.catalogs.addAll(connection.catalogs);
            this.databases.addAll(connection.databases);
            this.databasePrefixes.addAll(connection.databasePrefixes);
            this.sessionDatabase = connection.sessionDatabase;
            this.results = connection.results;
            this.data.addAll(connection.data);
            this.spill.addAll(connection.spill);
            this.writeLocations.addAll(connection.writeLocations);
            this.lakeFormation = connection.lakeFormation;
            this.lambdas.addAll(connection.lambdas);
            this.kmsKeys.addAll(connection.kmsKeys);
            // kms is implied by keys; kept as a flag only when no key implied it, so removing the keys of a copy
            // removes the KMS statement as well.
            this.kms = connection.kms && connection.kmsKeys.isEmpty();
            this.bothCatalogCases = connection.bothCatalogCases;
        }

        @CanIgnoreReturnValue
        public Builder partition(String partition) {
            this.partition = parse(
                    Partition::of,
                    checkNotNull(partition, "partition"),
                    "partition",
                    "expected one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc");
            return this;
        }

        @CanIgnoreReturnValue
        public Builder region(String region) {
            this.region = parse(
                    Region::of,
                    checkNotNull(region, "region"),
                    "region",
                    "expected an AWS region such as \"us-east-1\", \"eu-west-1\", \"cn-north-1\" or \"us-gov-west-1\"");
            return this;
        }

        @CanIgnoreReturnValue
        public Builder account(String account) {
            this.account =
                    parse(AccountId::of, checkNotNull(account, "account"), "account id", "expected exactly 12 digits");
            return this;
        }

        @CanIgnoreReturnValue
        public Builder workgroup(String workgroup) {
            this.workgroup = checkNotNull(workgroup, "workgroup");
            return this;
        }

        /**
         * Adds a workgroup whose query history the tool reads besides the configured one (OpenMetadata reads every
         * enabled workgroup); {@code *} grants the history of every workgroup.
         */
        @CanIgnoreReturnValue
        public Builder addHistoryWorkgroup(String workgroup) {
            checkNotNull(workgroup, "history-workgroup");
            checkHistoryWorkgroup(workgroup);
            historyWorkgroups.add(workgroup);
            return this;
        }

        /** Replaces the workgroup list with {@code workgroups}. */
        @CanIgnoreReturnValue
        public Builder historyWorkgroups(Iterable<String> workgroups) {
            historyWorkgroups.clear();
            workgroups.forEach(this::addHistoryWorkgroup);
            return this;
        }

        /** Replaces the catalog list with {@code catalogs}. */
        @CanIgnoreReturnValue
        public Builder catalogs(Iterable<String> names) {
            catalogs.clear();
            names.forEach(this::addCatalog);
            return this;
        }

        /**
         * Adds a database name prefix: the policy grants {@code database/<prefix>*} and {@code table/<prefix>*}/*,
         * every database whose name starts with it, including databases created later. The only way a wildcard
         * enters a database ARN besides {@code *} for all.
         */
        @CanIgnoreReturnValue
        public Builder addDatabasePrefix(String prefix) {
            databasePrefixes.add(checkNotNull(prefix, "prefix"));
            return this;
        }

        /** Replaces the database list with {@code databases}. */
        @CanIgnoreReturnValue
        public Builder databases(Iterable<String> names) {
            databases.clear();
            names.forEach(this::addDatabase);
            return this;
        }

        /**
         * The database the tool names as the session database of every query (PyAthena's schema, DataHub's
         * {@code database}, the JDBC {@code Schema}); {@code default} when not set.
         */
        @CanIgnoreReturnValue
        public Builder sessionDatabase(String database) {
            checkNotNull(database, "session-database");
            checkSessionDatabase(database);
            this.sessionDatabase = database;
            return this;
        }

        /** The spill location of a federated (Lambda) catalog's connector, s3://bucket/prefix/. */
        @CanIgnoreReturnValue
        public Builder addSpill(String uri) {
            spill.add(S3Location.parse("spill", checkNotNull(uri, "spill")));
            return this;
        }

        /** A location where a write-capable tool (dbt-athena's s3_data_dir) writes table data. */
        @CanIgnoreReturnValue
        public Builder addWriteLocation(String uri) {
            writeLocations.add(S3Location.parse("write-location", checkNotNull(uri, "write-location")));
            return this;
        }

        /** Replaces the KMS key list with {@code keys}. */
        @CanIgnoreReturnValue
        public Builder kmsKeys(Iterable<String> keys) {
            kmsKeys.clear();
            keys.forEach(this::addKmsKey);
            return this;
        }

        /** Replaces the Lambda function list with {@code functions}. */
        @CanIgnoreReturnValue
        public Builder lambdas(Iterable<String> functions) {
            lambdas.clear();
            functions.forEach(this::addLambda);
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addCatalog(String catalog) {
            catalogs.add(checkNotNull(catalog, "catalog"));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addDatabase(String database) {
            checkNotNull(database, "database");
            checkDatabase(database);
            databases.add(database);
            return this;
        }

        /** Selects every database of the catalog ({@code database/*} and {@code table/*}{@code /*}). */
        @CanIgnoreReturnValue
        public Builder allDatabases() {
            return addDatabase(ALL_DATABASES);
        }

        @CanIgnoreReturnValue
        public Builder results(String uri) {
            this.results = S3Location.parse("results", checkNotNull(uri, "results"));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addData(String uri) {
            data.add(S3Location.parse("data", checkNotNull(uri, "data")));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder lakeFormation(boolean lakeFormation) {
            this.lakeFormation = lakeFormation;
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addLambda(String function) {
            lambdas.add(LambdaFunction.parse(checkNotNull(function, "lambda")));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addKmsKey(String key) {
            kmsKeys.add(KmsKey.parse(checkNotNull(key, "kms-key")));
            return this;
        }

        /** Data or results are encrypted with SSE-KMS; with placeholders and no key, renders {@code <<KMS_KEY_ID>>}. */
        @CanIgnoreReturnValue
        public Builder kms(boolean kms) {
            this.kms = kms;
            return this;
        }

        /** Grants both {@code AwsDataCatalog} and {@code awsdatacatalog} (and both cases of custom catalogs). */
        @CanIgnoreReturnValue
        public Builder bothCatalogCases(boolean bothCatalogCases) {
            this.bothCatalogCases = bothCatalogCases;
            return this;
        }

        /**
         * Parses a core value, rethrowing its error with the value quoted as {@link InputRules#quote} does: the core
         * types print the value raw, so a newline or NUL in a region would break the message.
         */
        private static <T> T parse(Function<String, T> parser, String value, String what, String expected) {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("Invalid " + what + " " + InputRules.quote(value) + ": " + expected, e);
            }
        }

        /**
         * {@return the connection}
         *
         * @throws IllegalArgumentException if the inputs contradict each other (partition and region, ARNs in
         *     another partition, {@code *} mixed with database names)
         */
        public Connection build() {
            Partition resolved = partition != null ? partition : region != null ? region.partition() : Partition.AWS;
            return new Connection(
                    resolved,
                    region,
                    account,
                    workgroup,
                    ImmutableSortedSet.copyOf(historyWorkgroups),
                    ImmutableSortedSet.copyOf(catalogs),
                    ImmutableSortedSet.copyOf(BY_NAME, databases),
                    ImmutableSortedSet.copyOf(BY_NAME, databasePrefixes),
                    sessionDatabase,
                    results,
                    ImmutableSortedSet.copyOf(BY_TEXT, data),
                    ImmutableSortedSet.copyOf(BY_TEXT, spill),
                    ImmutableSortedSet.copyOf(BY_TEXT, writeLocations),
                    lakeFormation,
                    ImmutableSortedSet.copyOf(BY_TEXT, lambdas),
                    ImmutableSortedSet.copyOf(BY_TEXT, kmsKeys),
                    kms || !kmsKeys.isEmpty(),
                    bothCatalogCases);
        }
    }
}
