package dev.leastpriv.cli;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.KmsKey;
import dev.leastpriv.policies.LambdaFunction;
import dev.leastpriv.validator.DiscoveredAccount;
import dev.leastpriv.validator.DiscoveredCatalog;
import dev.leastpriv.validator.DiscoveredKey;
import dev.leastpriv.validator.DiscoveryRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Between a user's {@link Connection} and what {@code preflight --discover} reads from the account: the discovery
 * request a connection asks for, and the connection the account's answers imply. Both are pure functions.
 */
final class DiscoveredConnection {

    private DiscoveredConnection() {}

    /**
     * {@return the discovery request for {@code connection}}
     *
     * @param kmsAliases KMS aliases (or other keys) to resolve besides the connection's keys, which never hold
     *     aliases
     * @throws IllegalArgumentException if the connection has no region or account (a template)
     */
    static DiscoveryRequest request(Connection connection, Iterable<String> kmsAliases) {
        checkNotNull(connection, "connection");
        checkNotNull(kmsAliases, "kmsAliases");
        checkArgument(connection.region() != null, "discovery needs the connection's region: set --region");
        checkArgument(connection.account() != null, "discovery needs the connection's account: set --account");
        DiscoveryRequest.Builder request = DiscoveryRequest.builder(connection.region(), connection.account())
                .partition(connection.partition())
                .workgroup(connection.workgroup() == null ? Connection.DEFAULT_WORKGROUP : connection.workgroup())
                .allDatabases(connection.allDatabases())
                .results(
                        connection.results() == null
                                ? null
                                : connection.results().toString());
        if (connection.catalogs().isEmpty()) {
            request.addCatalog(Connection.DEFAULT_CATALOG);
        }
        connection.catalogs().forEach(request::addCatalog);
        connection.kmsKeys().forEach(key -> request.addKmsKey(key.toString()));
        kmsAliases.forEach(request::addKmsKey);
        return request.build();
    }

    /**
     * {@return {@code connection} with what {@code account} says applied}: the databases behind "all databases", the
     * enforced results location, KMS key ARNs, the Lambda functions of federated catalogs, canonical catalog names
     * and Lake Formation. What discovery could not read leaves the connection as it was.
     *
     * @throws IllegalArgumentException if the workgroup's result location cannot be expressed as a policy resource
     */
    static Connection apply(Connection connection, DiscoveredAccount account) {
        checkNotNull(connection, "connection");
        checkNotNull(account, "account");
        Connection.Builder builder =
                Connection.builder().partition(connection.partition().id());
        if (connection.region() != null) {
            builder.region(connection.region().name());
        }
        if (connection.account() != null) {
            builder.account(connection.account().value());
        }
        if (connection.workgroup() != null) {
            builder.workgroup(connection.workgroup());
        }
        catalogs(connection, account).forEach(builder::addCatalog);
        databases(connection, account).forEach(builder::addDatabase);
        String results = results(connection, account);
        if (results != null) {
            try {
                builder.results(results);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the workgroup's result location " + results + " cannot be granted: " + e.getMessage(), e);
            }
        }
        connection.data().forEach(location -> builder.addData(location.toString()));
        lambdas(connection, account).forEach(builder::addLambda);
        kmsKeys(connection, account).forEach(builder::addKmsKey);
        // Discovery only ever adds Lake Formation: a user who says LF governs knows of registrations it cannot see.
        boolean governed =
                account.lakeFormation() != null && account.lakeFormation().governs();
        return builder.lakeFormation(connection.lakeFormation() || governed)
                .kms(connection.kms())
                .bothCatalogCases(connection.bothCatalogCases())
                .build();
    }

    /**
     * The canonical name Athena returns for each found catalog, plus the configured spelling when it differs: IAM
     * matches catalog ARNs case-sensitively and which spelling Athena authorizes is not settled, so both are kept
     * (athena-connector-needs.md §4, safe default). The default catalog keeps the connector's spelling, which
     * {@code --both-catalog-cases} widens (DESIGN.md).
     */
    private static List<String> catalogs(Connection connection, DiscoveredAccount account) {
        List<String> catalogs = new ArrayList<>();
        for (String configured : connection.catalogs()) {
            catalogs.add(configured);
            Optional<DiscoveredCatalog> found = account.catalog(configured).filter(DiscoveredCatalog::found);
            if (found.isPresent() && !configured.equalsIgnoreCase(Connection.DEFAULT_CATALOG)) {
                catalogs.add(found.get().name());
            }
        }
        return catalogs;
    }

    /**
     * "All databases" becomes the databases Glue listed, so a preflight checks the databases that exist rather than
     * {@code database/*}, which a role scoped to exactly those databases would fail. It stays "*" when the listing
     * was not done, failed or found nothing, or when a name could not be a Glue ARN segment here: "*" still covers
     * those, and nothing is dropped silently.
     */
    private static List<String> databases(Connection connection, DiscoveredAccount account) {
        List<String> configured = List.copyOf(connection.databases());
        if (!connection.allDatabases()
                || !account.databasesListed()
                || account.databases().isEmpty()) {
            return configured;
        }
        for (String name : account.databases()) {
            try {
                Connection.builder().addDatabase(name);
            } catch (IllegalArgumentException e) {
                return configured;
            }
        }
        return account.databases();
    }

    /**
     * Where queries write (athena-connector-needs.md A5, A8): an enforced workgroup location replaces the configured
     * one; without a configured one, the workgroup's. With managed query results nothing is written to S3, but a
     * connection cannot say so, so the configured location stays.
     */
    private static @Nullable String results(Connection connection, DiscoveredAccount account) {
        String discovered = account.resultsLocation();
        if (discovered != null) {
            return discovered;
        }
        return connection.results() == null ? null : connection.results().toString();
    }

    /** The connection's functions, then those named in the parameters of the discovered catalogs (A10). */
    private static List<String> lambdas(Connection connection, DiscoveredAccount account) {
        List<String> lambdas = new ArrayList<>();
        connection.lambdas().stream().map(LambdaFunction::toString).forEach(lambdas::add);
        for (DiscoveredCatalog catalog : account.catalogs()) {
            lambdas.addAll(catalog.lambdaFunctions());
        }
        return lambdas;
    }

    /**
     * The connection's keys, each replaced by its key ARN when discovery resolved it, then every other key ARN
     * discovery found (aliases given, workgroup result encryption, results bucket default encryption). Keys that
     * could not be resolved are not added: an alias never authorizes a key (athena-connector-needs.md §1, A7).
     */
    private static List<String> kmsKeys(Connection connection, DiscoveredAccount account) {
        Map<String, String> arns = new LinkedHashMap<>();
        for (DiscoveredKey key : account.kmsKeys()) {
            if (key.keyArn() != null) {
                arns.putIfAbsent(key.given(), key.keyArn().toString());
            }
        }
        List<String> keys = new ArrayList<>();
        for (KmsKey key : connection.kmsKeys()) {
            keys.add(arns.getOrDefault(key.toString(), key.toString()));
        }
        keys.addAll(arns.values());
        return keys;
    }
}
