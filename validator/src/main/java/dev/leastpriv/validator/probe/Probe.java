package dev.leastpriv.validator.probe;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.S3Location;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.explain.AccessDenied;
import dev.leastpriv.policies.explain.AccessDeniedParser;
import dev.leastpriv.policies.explain.DenialCause;
import dev.leastpriv.policies.explain.DenialExplanation;
import dev.leastpriv.policies.explain.Explain;
import dev.leastpriv.validator.AwsFailure;
import dev.leastpriv.validator.ValidatorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.TableMetadata;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Makes the connector's own read-only calls with the connector's credentials and reports each one, mapped to the
 * requirements it exercises.
 *
 * <pre>{@code
 * ProbeCredentials role = ProbeCredentials.assume(sts, roleArn, externalId);
 * // build the Athena, Glue and S3 clients with role.provider()
 * ProbeReport report = Probe.create(athena, glue, s3).run(role, RequirementSet.of(request));
 * }</pre>
 *
 * <p>The calls: {@code athena:GetWorkGroup}; per catalog {@code athena:GetDataCatalog}, {@code ListDatabases}, and
 * per database (the named ones, or the first {@value #MAX_DATABASES} listed when all or a prefix are selected)
 * {@code ListTableMetadata} and {@code GetTableMetadata} on the first table listed; for the Glue catalog
 * {@code glue:GetDatabases}, and per database {@code GetDatabase}, {@code GetTables} and {@code GetTable} on the first
 * table; {@code s3:ListObjectsV2} (one key) on the results prefix and each data location (action
 * {@code s3:ListBucket}); and only when {@link #allowQuery} was asked, {@code athena:StartQueryExecution} of
 * {@code SELECT 1} in the workgroup with the session database, then {@code GetQueryExecution} until it ends (bounded
 * wait) and {@code GetQueryResults}. A call is made only when one of the connection's requirements names its action
 * on the call's resource: a feature the connection does not request is never probed (one requirement model,
 * {@link RequirementSet}). Nothing else writes.
 *
 * <p>The clients belong to the caller, who builds them with the probe's credentials and the retry policy that
 * bounds throttling; this class never closes them.
 */
public final class Probe {

    /** Databases probed per catalog when the connection selects all, or by prefix: a sample, not a census. */
    public static final int MAX_DATABASES = 10;
    /** Data locations listed at most. */
    public static final int MAX_LOCATIONS = 10;

    static final String QUERY = "SELECT 1";

    // Athena wraps Glue's and its own errors: an AccessDeniedException from Glue reaches the caller as a
    // MetadataException "… not authorized to perform: glue:GetTables …" (issue 14 quotes one; OpenMetadata#15923),
    // and a missing database or workgroup as InvalidRequestException or MetadataException with "not found" in the
    // message (Athena API reference, GetTableMetadata and GetWorkGroup errors; the exact wording is unconfirmed).
    private static final ImmutableSet<String> ATHENA_WRAPPERS =
            ImmutableSet.of("MetadataException", "InvalidRequestException");
    // Glue EntityNotFoundException, Athena ResourceNotFoundException, S3 NoSuchBucket (their API references).
    private static final ImmutableSet<String> NOT_FOUND =
            ImmutableSet.of("EntityNotFoundException", "ResourceNotFoundException", "NoSuchBucket");

    private final AthenaClient athena;
    private final GlueClient glue;
    private final S3Client s3;
    private final boolean allowQuery;
    private final Consumer<String> progress;
    private final Duration queryWait;
    private final Duration pollInterval;

    private Probe(
            AthenaClient athena,
            GlueClient glue,
            S3Client s3,
            boolean allowQuery,
            Consumer<String> progress,
            Duration queryWait,
            Duration pollInterval) {
        this.athena = athena;
        this.glue = glue;
        this.s3 = s3;
        this.allowQuery = allowQuery;
        this.progress = progress;
        this.queryWait = queryWait;
        this.pollInterval = pollInterval;
    }

    /** {@return a probe with these clients: no query, a 60-second query wait polled every second} */
    public static Probe create(AthenaClient athena, GlueClient glue, S3Client s3) {
        return new Probe(
                checkNotNull(athena, "athena"),
                checkNotNull(glue, "glue"),
                checkNotNull(s3, "s3"),
                false,
                message -> {},
                Duration.ofSeconds(60),
                Duration.ofSeconds(1));
    }

    /** {@return this probe, also running {@value #QUERY} in the workgroup (billed as a minimum scan)} */
    public Probe allowQuery() {
        return new Probe(athena, glue, s3, true, progress, queryWait, pollInterval);
    }

    /** {@return this probe, telling {@code listener} which call it makes} */
    public Probe withProgress(Consumer<String> listener) {
        return new Probe(athena, glue, s3, allowQuery, checkNotNull(listener, "listener"), queryWait, pollInterval);
    }

    /** {@return this probe, waiting at most {@code wait} for the query to end, asking every {@code interval}} */
    public Probe withQueryWait(Duration wait, Duration interval) {
        checkArgument(!wait.isNegative() && !interval.isNegative() && !interval.isZero(), "bad query wait");
        return new Probe(athena, glue, s3, allowQuery, progress, wait, interval);
    }

    /**
     * {@return the outcome of every call the connection's requirements ask for, made with {@code credentials}}
     *
     * @throws IllegalArgumentException if the requirements are a documentation template (placeholders)
     */
    public ProbeReport run(ProbeCredentials credentials, RequirementSet requirements) {
        checkNotNull(credentials, "credentials");
        checkNotNull(requirements, "requirements");
        requirements.request().requireValues("the probe");
        Run run = new Run(requirements);
        run.all();
        return new ProbeReport(
                credentials.principal(),
                credentials.source(),
                allowQuery,
                run.results.stream()
                        .map(result -> result.outcome() == ProbeOutcome.DENIED
                                ? result.explained(explain(requirements, credentials.principal(), result))
                                : result)
                        .collect(ImmutableList.toImmutableList()));
    }

    /**
     * {@return the denied call explained as {@code explain} explains AWS's message}: the message read by the same
     * parser, so that a cause it states (an SCP, a boundary, an explicit deny) decides where the fix belongs. A
     * message without details (S3's bare "Access Denied", Athena's query failure) still names the call: the
     * probe knows the action and resource it made, so the denial is explained as one with no stated cause.
     */
    static DenialExplanation explain(RequirementSet requirements, String principal, ProbeResult denied) {
        String message = denied.errorMessage() == null ? "" : denied.errorMessage();
        String resource = denied.resources().isEmpty()
                ? null
                : denied.resources().get(denied.resources().size() - 1).toString();
        AccessDenied denial = AccessDeniedParser.parse(message).stream()
                .filter(d -> denied.action().equals(d.action()))
                .findFirst()
                .orElseGet(() -> new AccessDenied(
                        denied.action(),
                        resource,
                        principal,
                        DenialCause.UNKNOWN,
                        null,
                        denied.errorCode(),
                        null,
                        message.length() <= AccessDenied.TEXT_LIMIT
                                ? message
                                : message.substring(0, AccessDenied.TEXT_LIMIT)));
        return Explain.explain(requirements.request(), List.of(denial))
                .explanations()
                .get(0);
    }

    /** The outcome of a failed call. */
    static ProbeOutcome classify(SdkException e) {
        if (AwsFailure.isThrottling(e)) {
            return ProbeOutcome.THROTTLED;
        }
        if (AwsFailure.isAccessDenied(e)) {
            return ProbeOutcome.DENIED;
        }
        String code = AwsFailure.errorCode(e);
        String message = String.valueOf(AwsFailure.errorMessage(e)).toLowerCase(Locale.ROOT);
        boolean wrapper = code != null && ATHENA_WRAPPERS.contains(code);
        if (wrapper
                && (message.contains("not authorized")
                        || message.contains("accessdenied")
                        || message.contains("access denied"))) {
            return ProbeOutcome.DENIED;
        }
        if (code != null
                && (NOT_FOUND.contains(code)
                        || (wrapper && (message.contains("not found") || message.contains("does not exist"))))) {
            return ProbeOutcome.NOT_FOUND;
        }
        return ProbeOutcome.ERROR;
    }

    /** Something the connection names is absent although the call succeeded (e.g. an empty GetWorkGroup). */
    private static final class Absent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Absent(String message) {
            super(message, null, false, false);
        }
    }

    /** One run: the requirements, the results so far, and whether AWS stopped being reachable. */
    private final class Run {
        private final Connection connection;
        private final ImmutableList<Requirement> requirements;
        private final Partition partition;
        private final String region;
        private final String account;
        private final List<ProbeResult> results = new ArrayList<>();
        private @Nullable String unreachable;

        Run(RequirementSet set) {
            connection = set.request().connection();
            requirements = set.requirements();
            partition = connection.partition();
            region = checkNotNull(connection.region()).name();
            account = checkNotNull(connection.account()).value();
        }

        void all() {
            String workgroup = connection.workgroupOrDefault();
            call(
                    "athena:GetWorkGroup",
                    "workgroup " + workgroup,
                    List.of(athenaArn("workgroup/" + workgroup)),
                    () -> athena.getWorkGroup(r -> r.workGroup(workgroup)).workGroup(),
                    group -> {
                        if (group == null) {
                            throw new Absent("workgroup " + workgroup + " does not exist");
                        }
                        return "state " + group.stateAsString();
                    });
            ImmutableList<String> catalogs = connection.catalogs().isEmpty()
                    ? ImmutableList.of(Connection.DEFAULT_CATALOG)
                    : connection.catalogs().asList();
            for (String catalog : catalogs) {
                catalog(catalog);
            }
            if (connection.results() != null) {
                list(connection.results(), "results");
            }
            int locations = 0;
            for (S3Location data : connection.data()) {
                if (locations++ == MAX_LOCATIONS) {
                    skipped(
                            "s3:ListBucket",
                            "data locations",
                            connection.data().size() - MAX_LOCATIONS
                                    + " more data locations not listed (the probe lists " + MAX_LOCATIONS + ")");
                    break;
                }
                list(data, "data");
            }
            query(workgroup);
        }

        private void catalog(String catalog) {
            Arn catalogArn = athenaArn("datacatalog/" + catalog);
            call(
                    "athena:GetDataCatalog",
                    "catalog " + catalog,
                    List.of(catalogArn),
                    () -> athena.getDataCatalog(r -> r.name(catalog)).dataCatalog(),
                    found -> {
                        if (found == null) {
                            throw new Absent("catalog " + catalog + " does not exist");
                        }
                        return "type " + found.typeAsString();
                    });
            ImmutableList<String> athenaListed = call(
                    "athena:ListDatabases",
                    "catalog " + catalog,
                    List.of(catalogArn),
                    () -> athena.listDatabases(r -> r.catalogName(catalog).maxResults(50)).databaseList().stream()
                            .map(software.amazon.awssdk.services.athena.model.Database::name)
                            .collect(ImmutableList.toImmutableList()),
                    names -> count(names.size(), "database") + " on the first page");
            boolean glueCatalog = catalog.equalsIgnoreCase(Connection.DEFAULT_CATALOG);
            ImmutableList<String> glueListed = null;
            if (glueCatalog) {
                glueListed = call(
                        "glue:GetDatabases",
                        "the Glue catalog",
                        List.of(glueArn("catalog")),
                        () -> glue.getDatabases(r -> r.maxResults(50)).databaseList().stream()
                                .map(software.amazon.awssdk.services.glue.model.Database::name)
                                .collect(ImmutableList.toImmutableList()),
                        names -> count(names.size(), "database") + " on the first page");
            }
            ImmutableList<String> listed =
                    athenaListed != null ? athenaListed : glueListed != null ? glueListed : ImmutableList.of();
            List<String> databases = new ArrayList<>();
            for (String name : connection.databases()) {
                if (!name.equals(Connection.ALL_DATABASES)) {
                    databases.add(name);
                }
            }
            if (connection.allDatabases() || !connection.databasePrefixes().isEmpty()) {
                for (String name : listed) {
                    String lower = name.toLowerCase(Locale.ROOT);
                    boolean selected = connection.allDatabases()
                            || connection.databasePrefixes().stream()
                                    .anyMatch(p -> lower.startsWith(p.toLowerCase(Locale.ROOT)));
                    if (selected && databases.stream().noneMatch(name::equalsIgnoreCase)) {
                        databases.add(name);
                    }
                }
            }
            int probed = 0;
            for (String database : databases) {
                if (probed++ == MAX_DATABASES) {
                    skipped(
                            "athena:ListTableMetadata",
                            "catalog " + catalog,
                            databases.size() - MAX_DATABASES + " more databases not probed (the probe reads "
                                    + MAX_DATABASES + " per catalog)");
                    break;
                }
                database(catalog, catalogArn, database, glueCatalog);
            }
        }

        private void database(String catalog, Arn catalogArn, String database, boolean glueCatalog) {
            String where = "catalog " + catalog + ", database " + database;
            String athenaTable = call(
                    "athena:ListTableMetadata",
                    where,
                    List.of(catalogArn),
                    () -> athena
                            .listTableMetadata(r -> r.catalogName(catalog)
                                    .databaseName(database)
                                    .maxResults(1))
                            .tableMetadataList()
                            .stream()
                            .map(TableMetadata::name)
                            .findFirst()
                            .orElse(""),
                    table -> table.isEmpty() ? "no table" : "first table " + table);
            if (athenaTable != null) {
                if (athenaTable.isEmpty()) {
                    skipped(
                            "athena:GetTableMetadata",
                            where,
                            List.of(catalogArn),
                            "not made: the database has no table");
                } else {
                    call(
                            "athena:GetTableMetadata",
                            where + ", table " + athenaTable,
                            List.of(catalogArn),
                            () -> athena.getTableMetadata(r -> r.catalogName(catalog)
                                            .databaseName(database)
                                            .tableName(athenaTable))
                                    .tableMetadata(),
                            table -> count(table.columns().size(), "column"));
                }
            }
            if (!glueCatalog) {
                return;
            }
            // Glue folds names to lowercase, and so do its ARNs (athena-connector-needs.md §2).
            String glueName = database.toLowerCase(Locale.ROOT);
            Arn glueCatalogArn = glueArn("catalog");
            Arn databaseArn = glueArn("database/" + glueName);
            call(
                    "glue:GetDatabase",
                    "database " + database,
                    List.of(glueCatalogArn, databaseArn),
                    () -> glue.getDatabase(r -> r.name(database)).database(),
                    found -> "found " + found.name());
            String glueTable = call(
                    "glue:GetTables",
                    "database " + database,
                    List.of(glueCatalogArn, databaseArn),
                    () -> glue.getTables(r -> r.databaseName(database).maxResults(1)).tableList().stream()
                            .map(Table::name)
                            .findFirst()
                            .orElse(""),
                    table -> table.isEmpty() ? "no table" : "first table " + table);
            String table = glueTable != null && !glueTable.isEmpty()
                    ? glueTable
                    : athenaTable != null && !athenaTable.isEmpty() ? athenaTable : null;
            if (table == null) {
                List<Arn> tables = List.of(glueCatalogArn, databaseArn, glueArn("table/" + glueName + "/*"));
                if (!mapped("glue:GetTable", tables.get(2).toString()).isEmpty()) {
                    skipped("glue:GetTable", "database " + database, tables, "not made: the database has no table");
                }
                return;
            }
            String tableName = table.toLowerCase(Locale.ROOT);
            call(
                    "glue:GetTable",
                    "database " + database + ", table " + table,
                    List.of(glueCatalogArn, databaseArn, glueArn("table/" + glueName + "/" + tableName)),
                    () -> glue.getTable(r -> r.databaseName(database).name(table))
                            .table(),
                    found -> "found " + found.name());
        }

        private void list(S3Location location, String what) {
            call(
                    "s3:ListBucket",
                    what + " " + location,
                    List.of(new Arn(partition, "s3", "", "", location.bucket())),
                    () -> s3.listObjectsV2(r -> r.bucket(location.bucket())
                                    .prefix(location.prefix())
                                    .maxKeys(1))
                            .keyCount(),
                    keys -> keys == null || keys == 0 ? "no object under the prefix" : "objects under the prefix");
        }

        private void query(String workgroup) {
            Arn workgroupArn = athenaArn("workgroup/" + workgroup);
            String target = "workgroup " + workgroup + ", session database " + connection.sessionDatabaseOrDefault();
            if (mapped("athena:StartQueryExecution", workgroupArn.toString()).isEmpty()) {
                return;
            }
            if (!allowQuery) {
                skipped(
                        "athena:StartQueryExecution",
                        target,
                        List.of(workgroupArn),
                        "not made: running a query was not allowed (" + QUERY + " is billed as a minimum scan)");
                return;
            }
            String id = call(
                    "athena:StartQueryExecution",
                    target,
                    List.of(workgroupArn),
                    () -> athena.startQueryExecution(r -> {
                                r.queryString(QUERY)
                                        .workGroup(workgroup)
                                        // The session database the connector names on every query: Athena looks it
                                        // up in Glue with the caller's identity (RequirementPlanner, session database).
                                        .queryExecutionContext(c -> c.database(connection.sessionDatabaseOrDefault()));
                                if (connection.results() != null) {
                                    r.resultConfiguration(c -> c.outputLocation(
                                            connection.results().toString()));
                                }
                            })
                            .queryExecutionId(),
                    queryId -> "query " + queryId);
            if (id == null) {
                return;
            }
            QueryExecution execution = call(
                    "athena:GetQueryExecution",
                    "query " + id,
                    List.of(workgroupArn),
                    () -> waitFor(id),
                    done -> "state " + done.status().stateAsString());
            if (execution == null) {
                return;
            }
            QueryExecutionStatus status = execution.status();
            if (status.state() != QueryExecutionState.SUCCEEDED
                    && status.state() != QueryExecutionState.FAILED
                    && status.state() != QueryExecutionState.CANCELLED) {
                // Still queued or running after the wait: stop it, so that the probe leaves nothing running (and
                // billed) behind it; made whether or not a requirement names athena:StopQueryExecution (PyAthena's
                // BaseCursor._cancel calls it; not every profile does), and its own failure is said, not hidden.
                stop(id, workgroupArn);
            }
            if (status.state() != QueryExecutionState.SUCCEEDED) {
                queryFailed(id, workgroupArn, status);
                return;
            }
            call(
                    "athena:GetQueryResults",
                    "query " + id,
                    List.of(workgroupArn),
                    () -> athena.getQueryResults(r -> r.queryExecutionId(id).maxResults(2))
                            .resultSet()
                            .rows()
                            .size(),
                    rows -> count(rows, "row"));
        }

        /**
         * Stops query {@code id} ({@code athena:StopQueryExecution}) and records how that went: a denial is a finding
         * only when a requirement names the call; otherwise the failure is an error (the query may still run).
         */
        private void stop(String id, Arn workgroupArn) {
            String action = "athena:StopQueryExecution";
            ImmutableList<Requirement> mapped = mapped(action, workgroupArn.toString());
            String target = "query " + id;
            List<Arn> arns = List.of(workgroupArn);
            try {
                athena.stopQueryExecution(r -> r.queryExecutionId(id));
                add(new ProbeResult(
                        Action.parse(action),
                        target,
                        arns,
                        mapped,
                        ProbeOutcome.OK,
                        "stopped after the wait",
                        null,
                        null));
            } catch (SdkException e) {
                ProbeOutcome outcome = classify(e) == ProbeOutcome.DENIED && !mapped.isEmpty()
                        ? ProbeOutcome.DENIED
                        : ProbeOutcome.ERROR;
                add(new ProbeResult(
                        Action.parse(action),
                        target,
                        arns,
                        mapped,
                        outcome,
                        "could not stop the query, which may still run (and be billed): " + AwsFailure.describe(e, ""),
                        AwsFailure.errorCode(e),
                        ProbeResult.bounded(AwsFailure.errorMessage(e))));
            }
        }

        /** Polls until the query ends or the wait is over; the last answer, ended or not. */
        private QueryExecution waitFor(String id) {
            long deadline = System.nanoTime() + queryWait.toNanos();
            while (true) {
                QueryExecution execution =
                        athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
                QueryExecutionState state = execution.status().state();
                if (state == QueryExecutionState.SUCCEEDED
                        || state == QueryExecutionState.FAILED
                        || state == QueryExecutionState.CANCELLED
                        || System.nanoTime() - deadline >= 0) {
                    return execution;
                }
                // Polling is the only way to learn a query's state: Athena sends no event and the SDK ships no
                // waiter for it (athena 2.54.14 has none); PyAthena polls GetQueryExecution too
                // (pyathena/common.py _get_query_execution, connector-ground-truth.md). Never past the deadline: the
                // last sleep is what is left of the wait.
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                try {
                    Thread.sleep(Math.min(pollInterval.toMillis(), left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ValidatorException("interrupted while waiting for query " + id, e);
                }
            }
        }

        /** A query that failed, was cancelled or did not end: Athena's reason decides the outcome. */
        private void queryFailed(String id, Arn workgroupArn, QueryExecutionStatus status) {
            QueryExecutionState state = status.state();
            String reason = status.stateChangeReason() == null ? "" : status.stateChangeReason();
            String lower = reason.toLowerCase(Locale.ROOT);
            ProbeOutcome outcome;
            String detail;
            if (state != QueryExecutionState.FAILED && state != QueryExecutionState.CANCELLED) {
                outcome = ProbeOutcome.ERROR;
                detail = "the query did not end within "
                        + (queryWait.toMillis() % 1000 == 0
                                ? queryWait.toSeconds() + " seconds"
                                : queryWait.toMillis() + " ms")
                        + " (state "
                        + status.stateAsString() + ")";
            } else if (lower.contains("not authorized")
                    || lower.contains("access denied")
                    || lower.contains("accessdenied")) {
                outcome = ProbeOutcome.DENIED;
                detail = "the query failed: access denied";
            } else if (lower.contains("does not exist") || lower.contains("not found")) {
                outcome = ProbeOutcome.NOT_FOUND;
                detail = "the query failed: something it names does not exist";
            } else {
                outcome = ProbeOutcome.ERROR;
                detail = "the query ended " + status.stateAsString();
            }
            AthenaError error = status.athenaError();
            String code = error != null && error.errorType() != null
                    ? "AthenaError " + error.errorCategory() + "/" + error.errorType()
                    : "Query" + status.stateAsString();
            add(new ProbeResult(
                    Action.parse("athena:StartQueryExecution"),
                    "query " + id,
                    ImmutableList.of(workgroupArn),
                    mapped("athena:StartQueryExecution", workgroupArn.toString()),
                    outcome,
                    detail,
                    code,
                    ProbeResult.bounded(reason)));
        }

        /**
         * Makes one call when a requirement names its action on its most specific resource (the last one), and
         * records its outcome; {@return the answer, or null when the call was not made or failed}
         */
        private <T> @Nullable T call(
                String action,
                String target,
                List<Arn> resources,
                Supplier<T> call,
                Function<? super T, String> detail) {
            ImmutableList<Requirement> mapped =
                    mapped(action, resources.get(resources.size() - 1).toString());
            if (mapped.isEmpty()) {
                return null;
            }
            Action parsed = Action.parse(action);
            ImmutableList<Arn> arns = ImmutableList.copyOf(resources);
            if (unreachable != null) {
                add(new ProbeResult(
                        parsed,
                        target,
                        arns,
                        mapped,
                        ProbeOutcome.SKIPPED,
                        "not made: an earlier call could not reach AWS (" + unreachable + ")",
                        null,
                        null));
                return null;
            }
            progress.accept(action + " on " + target);
            T answer;
            String said;
            try {
                answer = call.get();
                said = detail.apply(answer);
            } catch (Absent e) {
                add(new ProbeResult(parsed, target, arns, mapped, ProbeOutcome.NOT_FOUND, e.getMessage(), null, null));
                return null;
            } catch (SdkException e) {
                ProbeOutcome outcome = classify(e);
                if (outcome == ProbeOutcome.ERROR && AwsFailure.isUnreachable(e)) {
                    unreachable = action;
                }
                add(new ProbeResult(
                        parsed,
                        target,
                        arns,
                        mapped,
                        outcome,
                        // A finding keeps AWS's whole message in errorMessage; the detail stays one short line.
                        outcome == ProbeOutcome.DENIED
                                ? "access denied"
                                : outcome == ProbeOutcome.NOT_FOUND ? "not found" : AwsFailure.describe(e, ""),
                        AwsFailure.errorCode(e),
                        ProbeResult.bounded(AwsFailure.errorMessage(e))));
                return null;
            }
            add(new ProbeResult(parsed, target, arns, mapped, ProbeOutcome.OK, said, null, null));
            return answer;
        }

        private void skipped(String action, String target, String why) {
            skipped(action, target, List.of(), why);
        }

        /** A call not made; with {@code resources}, the requirements it would have exercised. */
        private void skipped(String action, String target, List<Arn> resources, String why) {
            add(new ProbeResult(
                    Action.parse(action),
                    target,
                    ImmutableList.copyOf(resources),
                    resources.isEmpty()
                            ? ImmutableList.of()
                            : mapped(action, resources.get(resources.size() - 1).toString()),
                    ProbeOutcome.SKIPPED,
                    why,
                    null,
                    null));
        }

        private void add(ProbeResult result) {
            results.add(result);
        }

        /** The requirements for {@code action} that cover {@code arn}: the ones the call exercises. */
        private ImmutableList<Requirement> mapped(String action, String arn) {
            Action wanted = Action.parse(action);
            Resource resource = Resource.parse(arn);
            return requirements.stream()
                    .filter(r -> r.action().equals(wanted))
                    .filter(r -> r.resources().stream().anyMatch(granted -> granted.covers(resource)))
                    .collect(ImmutableList.toImmutableList());
        }

        private Arn athenaArn(String resource) {
            return new Arn(partition, "athena", region, account, resource);
        }

        private Arn glueArn(String resource) {
            return new Arn(partition, "glue", region, account, resource);
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
