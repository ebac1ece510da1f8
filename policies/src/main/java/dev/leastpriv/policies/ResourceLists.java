package dev.leastpriv.policies;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.LambdaFunction;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.S3Location;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The resource lists of a {@link PolicyRequest}, computed once: one list per statement kind, each in the spelling the
 * tool sends and with the ancestors IAM checks, or a documentation placeholder where an input is not given. The notes
 * say how an input was written (a catalog lowercased, a database name folded, a default location granted).
 */
final class ResourceLists {

    static final String DATABASE_PLACEHOLDER = "<<DATABASE_NAME>>";
    static final String CATALOG_PLACEHOLDER = "<<CATALOG_NAME>>";
    static final String WORKGROUP_PLACEHOLDER = "<<WORKGROUP_NAME>>";
    static final String BUCKET_PLACEHOLDER = "<<S3_BUCKET_NAME>>";
    static final String DATA_BUCKET_PLACEHOLDER = "<<DATA_BUCKET_NAME>>";
    static final String SPILL_BUCKET_PLACEHOLDER = "<<SPILL_BUCKET_NAME>>";
    static final String WRITE_BUCKET_PLACEHOLDER = "<<WRITE_BUCKET_NAME>>";
    static final String SCRATCH_DATABASE_PLACEHOLDER = "<<SCRATCH_DATABASE_NAME>>";
    static final String LAMBDA_PLACEHOLDER = "<<LAMBDA_FUNCTION_NAME>>";
    static final String KMS_PLACEHOLDER = "<<KMS_KEY_ID>>";

    private final PolicyRequest request;
    private final Connection connection;
    private final Profile profile;
    private final Scope scope;
    private final Set<String> notes = new LinkedHashSet<>();
    // Notes on how an input was written, shown only when a requirement uses the block they concern.
    private final Map<Block, List<String>> blockNotes = new EnumMap<>(Block.class);

    final ImmutableList<Resource> workgroup;
    final ImmutableList<Resource> historyWorkgroups;
    final ImmutableList<Resource> catalogs;
    final ImmutableList<Resource> externalCatalogs;
    final ImmutableList<Resource> glueCatalog;
    final ImmutableList<Resource> sessionDatabase;
    final ImmutableList<Resource> glueDatabases;
    final ImmutableList<Resource> glueTables;
    final ImmutableList<Resource> scratchTables;
    final ImmutableList<Resource> resultsBucket;
    final ImmutableList<Resource> resultsObjects;
    final ImmutableList<Resource> dataBuckets;
    final ImmutableList<Resource> dataObjects;
    final ImmutableList<Resource> writeBuckets;
    final ImmutableList<Resource> writeObjects;
    final ImmutableList<Resource> spillBuckets;
    final ImmutableList<Resource> spillObjects;
    final ImmutableList<Resource> kmsKeys;
    final ImmutableList<Resource> lambdas;

    ResourceLists(PolicyRequest request) {
        this.request = request;
        this.connection = request.connection();
        this.profile = request.profile();
        this.scope = Scope.of(connection);
        String workgroupName = connection.workgroup() != null
                ? connection.workgroup()
                : request.placeholders() ? WORKGROUP_PLACEHOLDER : Connection.DEFAULT_WORKGROUP;
        this.workgroup = ImmutableList.of(scope.athena("workgroup/" + workgroupName));
        this.historyWorkgroups = historyArns(workgroupName);
        this.catalogs = catalogArns(false);
        this.externalCatalogs = catalogArns(true);
        this.glueCatalog = ImmutableList.of(scope.glue("catalog"));
        List<String> databases = foldedDatabases();
        List<String> prefixes = connection.databasePrefixes().stream()
                .map(prefix -> prefix.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        this.glueDatabases = glueArns(databases, prefixes, false);
        this.glueTables = glueArns(databases, prefixes, true);
        this.sessionDatabase = sessionDatabaseArns(databases, prefixes);
        for (String prefix : prefixes) {
            String note = "database-prefix " + InputRules.quote(prefix) + " grants database/" + prefix + "* and table/"
                    + prefix + "*/*: every database whose name starts with it, including databases created later";
            note(Block.GLUE_DATABASES, note);
            note(Block.GLUE_TABLES, note);
        }
        this.scratchTables = glueArns(
                List.of(
                        connection.sessionDatabase() != null
                                ? connection.sessionDatabase().toLowerCase(Locale.ROOT)
                                : SCRATCH_DATABASE_PLACEHOLDER),
                List.of(),
                true);
        String bucket = connection.results() == null
                ? BUCKET_PLACEHOLDER
                : connection.results().bucket();
        String prefix = connection.results() == null ? "" : connection.results().prefix();
        this.resultsBucket = ImmutableList.of(scope.s3(bucket));
        this.resultsObjects = ImmutableList.of(scope.s3(bucket + "/" + prefix + "*"));
        this.dataBuckets = locationArns(connection.data(), request.readsData(), DATA_BUCKET_PLACEHOLDER, false);
        this.dataObjects = locationArns(connection.data(), request.readsData(), DATA_BUCKET_PLACEHOLDER, true);
        boolean writes = request.features().contains(Feature.MODELS);
        List<S3Location> writeLocations = writeLocations(writes);
        this.writeBuckets = locationArns(writeLocations, writes, WRITE_BUCKET_PLACEHOLDER, false);
        this.writeObjects = locationArns(writeLocations, writes, WRITE_BUCKET_PLACEHOLDER, true);
        boolean federated = request.features().contains(Feature.FEDERATED_QUERY);
        this.spillBuckets = locationArns(connection.spill(), federated, SPILL_BUCKET_PLACEHOLDER, false);
        this.spillObjects = locationArns(connection.spill(), federated, SPILL_BUCKET_PLACEHOLDER, true);
        this.kmsKeys = kmsArns();
        this.lambdas = lambdaArns();
    }

    /** {@return notes on the request as a whole, e.g. a default write location granted} */
    Set<String> notes() {
        return notes;
    }

    /** {@return the notes on how an input was written, for the block that uses it} */
    List<String> notes(Block block) {
        return blockNotes.getOrDefault(block, List.of());
    }

    /**
     * The workgroups whose history the tool reads. OpenMetadata reads every enabled workgroup; primary always
     * exists and is enabled unless someone disabled it, so it is granted with the configured one. The other
     * enabled workgroups come from the connection (discovery lists them); {@code *} grants every workgroup.
     */
    private ImmutableList<Resource> historyArns(String configured) {
        if (connection.historyWorkgroups().contains(Connection.ALL_WORKGROUPS)) {
            return ImmutableList.of(scope.athena("workgroup/*"));
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(configured);
        if (profile.calls().readsEveryEnabledWorkgroup() != null) {
            names.add(Connection.DEFAULT_WORKGROUP);
        }
        names.addAll(connection.historyWorkgroups());
        return names.stream().map(name -> scope.athena("workgroup/" + name)).collect(ImmutableList.toImmutableList());
    }

    /** Catalog ARNs in the spelling the tool sends; {@code externalOnly} leaves out the default catalog. */
    private ImmutableList<Resource> catalogArns(boolean externalOnly) {
        Set<String> names = new LinkedHashSet<>();
        if (connection.catalogs().isEmpty() && request.placeholders()) {
            return externalOnly
                    ? ImmutableList.of()
                    : ImmutableList.of(scope.athena("datacatalog/" + CATALOG_PLACEHOLDER));
        }
        if (connection.catalogs().isEmpty()) {
            // No catalog configured: the tool sends its default spelling (PyAthena "awsdatacatalog", JDBC
            // "AwsDataCatalog"); a tool whose driver is unknown gets both, the safe default while the spelling
            // Athena authorizes is unconfirmed (connector-ground-truth.md §11.3).
            if (!externalOnly) {
                names.addAll(profile.defaultCatalogSpellings());
                if (connection.bothCatalogCases()) {
                    names.add("AwsDataCatalog");
                    names.add(Connection.DEFAULT_CATALOG);
                }
            }
            return names.stream()
                    .map(name -> scope.athena("datacatalog/" + name))
                    .collect(ImmutableList.toImmutableList());
        }
        for (String catalog : connection.catalogs()) {
            boolean isDefault = catalog.equalsIgnoreCase(Connection.DEFAULT_CATALOG);
            if (externalOnly && isDefault) {
                continue; // GetDataCatalog on AwsDataCatalog always fails: "DataCatalog … was not found"
            }
            // A configured name is sent verbatim (OpenMetadata connection.py catalog_name=quote_plus(catalogId),
            // DataHub catalog_name, the JDBC Catalog property); only Omni's form asks for the lowercase name.
            String sent = profile.lowercasesCatalogs() ? catalog.toLowerCase(Locale.ROOT) : catalog;
            names.add(sent);
            if (!sent.equals(catalog) && !externalOnly) {
                note(
                        Block.ATHENA_CATALOG,
                        "catalog " + InputRules.quote(catalog) + " is written as " + InputRules.quote(sent) + ": "
                                + profile.displayName()
                                + " asks for the lowercase name and IAM compares resource names case-sensitively;"
                                + " both-catalog-cases grants both spellings");
            }
            // The default catalog configured in a spelling the tool would not send by itself.
            if (isDefault
                    && !profile.defaultCatalogSpellings().contains(sent)
                    && !externalOnly
                    && !connection.bothCatalogCases()) {
                note(
                        Block.ATHENA_CATALOG,
                        "catalog " + InputRules.quote(catalog) + " is granted as configured, the spelling "
                                + profile.displayName() + " sends; whether Athena also authorizes it as"
                                + " \"awsdatacatalog\" is unconfirmed; both-catalog-cases grants both spellings");
            }
            if (connection.bothCatalogCases()) {
                names.add(isDefault ? "AwsDataCatalog" : catalog);
                names.add(catalog.toLowerCase(Locale.ROOT));
            }
        }
        return names.stream().map(name -> scope.athena("datacatalog/" + name)).collect(ImmutableList.toImmutableList());
    }

    /** The database names as Glue stores them (lowercase), or the placeholder when none was given. */
    private List<String> foldedDatabases() {
        Set<String> databases = new LinkedHashSet<>();
        if (!connection.hasDatabases()) {
            databases.add(DATABASE_PLACEHOLDER);
        }
        for (String database : connection.databases()) {
            String folded = database.toLowerCase(Locale.ROOT);
            if (!folded.equals(database)) {
                String note = "database " + InputRules.quote(database) + " is written as " + InputRules.quote(folded)
                        + ": Glue folds database names to lowercase";
                note(Block.GLUE_DATABASES, note);
                note(Block.GLUE_TABLES, note);
            }
            databases.add(folded);
        }
        return List.copyOf(databases);
    }

    /**
     * Where dbt writes table data: the given write locations, or dbt-athena's default when none is given, the
     * {@code tables/} folder under the query result location (impl.py {@code _s3_table_prefix}: s3_data_dir
     * defaults to s3_staging_dir + "tables/").
     */
    private List<S3Location> writeLocations(boolean writes) {
        if (!writes || !connection.writeLocations().isEmpty() || connection.results() == null) {
            return List.copyOf(connection.writeLocations());
        }
        S3Location results = connection.results();
        S3Location tables = new S3Location(results.bucket(), results.prefix() + "tables/");
        notes.add("models: no write location was given, so dbt-athena's default table location " + tables
                + " (s3_staging_dir + tables/) is granted; add write-location for s3_data_dir, s3_tmp_table_dir and"
                + " every external_location your models use");
        return List.of(tables);
    }

    /**
     * The root catalog and the session database, or nothing when the listed databases already hold it ({@code *},
     * or the session database is one of them).
     */
    private ImmutableList<Resource> sessionDatabaseArns(List<String> databases, List<String> prefixes) {
        String session = connection.sessionDatabaseOrDefault().toLowerCase(Locale.ROOT);
        if (connection.allDatabases()
                || databases.contains(session)
                || prefixes.stream().anyMatch(session::startsWith)) {
            return ImmutableList.of();
        }
        return ImmutableList.of(scope.glue("catalog"), scope.glue("database/" + session));
    }

    /**
     * Root catalog, then database ARNs, then (for tables) {@code table/<db>/*}; Glue checks all ancestors. A prefix
     * becomes {@code database/<prefix>*} and {@code table/<prefix>*}/*; a named database it already covers is left
     * out.
     */
    private ImmutableList<Resource> glueArns(List<String> databases, List<String> prefixes, boolean tables) {
        List<String> named = databases.stream()
                .filter(db -> prefixes.stream().noneMatch(db::startsWith))
                .toList();
        ImmutableList.Builder<Resource> arns = ImmutableList.builder();
        arns.add(scope.glue("catalog"));
        named.forEach(db -> arns.add(scope.glue("database/" + db)));
        prefixes.forEach(prefix -> arns.add(scope.glue("database/" + prefix + "*")));
        if (tables) {
            named.forEach(db -> arns.add(scope.glue("table/" + db + "/*")));
            prefixes.forEach(prefix -> arns.add(scope.glue("table/" + prefix + "*/*")));
        }
        return arns.build();
    }

    private void note(Block block, String note) {
        blockNotes.computeIfAbsent(block, k -> new ArrayList<>()).add(note);
    }

    /**
     * Bucket or object ARNs of S3 locations; in a template, a placeholder bucket when {@code used} and none was
     * given.
     */
    private ImmutableList<Resource> locationArns(
            Iterable<S3Location> locations, boolean used, String placeholder, boolean objects) {
        Set<Resource> arns = new LinkedHashSet<>();
        if (!locations.iterator().hasNext() && request.placeholders() && used) {
            arns.add(scope.s3(objects ? placeholder + "/*" : placeholder));
        }
        for (S3Location location : locations) {
            arns.add(scope.s3(objects ? location.bucket() + "/" + location.prefix() + "*" : location.bucket()));
        }
        return ImmutableList.copyOf(arns);
    }

    private ImmutableList<Resource> kmsArns() {
        if (connection.kmsKeys().isEmpty()) {
            return ImmutableList.of(scope.kms("key/" + KMS_PLACEHOLDER));
        }
        return connection.kmsKeys().stream()
                .map(key -> key.keyArn().map(Resource::of).orElseGet(() -> scope.kms("key/" + key.keyId())))
                .collect(ImmutableList.toImmutableList());
    }

    private ImmutableList<Resource> lambdaArns() {
        Set<Resource> arns = new LinkedHashSet<>();
        if (connection.lambdas().isEmpty()) {
            arns.add(scope.lambda("function:" + LAMBDA_PLACEHOLDER));
            arns.add(scope.lambda("function:" + LAMBDA_PLACEHOLDER + ":*"));
        }
        for (LambdaFunction function : connection.lambdas()) {
            String base = function.unqualifiedArn()
                    .map(Object::toString)
                    .orElseGet(() -> scope.lambda("function:" + function.name()).pattern());
            if (function.isQualified()) {
                arns.add(Resource.parse(base + ":" + function.qualifier()));
            } else {
                arns.add(Resource.parse(base));
                arns.add(Resource.parse(base + ":*"));
            }
        }
        return ImmutableList.copyOf(arns);
    }
}
