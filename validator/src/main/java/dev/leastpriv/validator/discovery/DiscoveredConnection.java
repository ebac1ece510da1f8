package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.KmsKey;
import dev.leastpriv.core.LambdaFunction;
import dev.leastpriv.core.Resource;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.validator.ValidatorException;
import dev.leastpriv.validator.discovery.DiscoveryRequest.HistoryReading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Between a user's {@link Connection} and what discovery reads from the account: the discovery
 * request a connection asks for, and the connection the account's answers imply. Both are pure functions.
 */
final class DiscoveredConnection {

    private static final String LIST_QUERY_EXECUTIONS = "athena:ListQueryExecutions";
    private static final String WORKGROUP_RESOURCE = ":workgroup/";

    private DiscoveredConnection() {}

    /**
     * {@return the discovery request for {@code request}'s connection}, with the workgroups whose query history its
     * requirements grant, so discovery can name the enabled workgroups they leave out
     *
     * @param kmsAliases KMS aliases (or other keys) to resolve besides the connection's keys, which never hold
     *     aliases
     * @throws IllegalArgumentException if the connection has no region or account (a template)
     */
    static DiscoveryRequest request(PolicyRequest request, Iterable<String> kmsAliases) {
        checkNotNull(request, "request");
        checkNotNull(kmsAliases, "kmsAliases");
        Connection connection = request.connection();
        InputRules.checkInput(connection.region() != null, "discovery needs the connection's region");
        InputRules.checkInput(connection.account() != null, "discovery needs the connection's account");
        DiscoveryRequest.Builder discovery = DiscoveryRequest.builder(connection.region(), connection.account())
                .partition(connection.partition())
                .workgroup(connection.workgroupOrDefault())
                .allDatabases(connection.allDatabases())
                .results(
                        connection.results() == null
                                ? null
                                : connection.results().toString());
        if (connection.catalogs().isEmpty()) {
            discovery.addCatalog(Connection.DEFAULT_CATALOG);
        }
        connection.catalogs().forEach(discovery::addCatalog);
        connection.kmsKeys().forEach(key -> discovery.addKmsKey(key.toString()));
        kmsAliases.forEach(discovery::addKmsKey);
        List<String> granted = historyGranted(RequirementSet.of(request));
        if (!granted.isEmpty()) {
            // OpenMetadata reads every enabled workgroup whatever is configured (connector-ground-truth.md D1); any
            // other tool that reads history reads the workgroups it is configured with.
            discovery.history(
                    request.profile() == Profile.OPENMETADATA
                            ? HistoryReading.EVERY_ENABLED_WORKGROUP
                            : HistoryReading.CONFIGURED_WORKGROUPS);
            granted.forEach(discovery::addHistoryWorkgroup);
        }
        return discovery.build();
    }

    /**
     * The workgroups whose history the requirements grant, read from the ARNs of {@code athena:ListQueryExecutions}
     * rather than worked out again from the connection, so discovery compares with exactly what the policy holds.
     */
    private static List<String> historyGranted(RequirementSet requirements) {
        Set<String> names = new TreeSet<>();
        for (Requirement requirement : requirements.requirements()) {
            if (!requirement.action().toString().equals(LIST_QUERY_EXECUTIONS)) {
                continue;
            }
            for (Resource resource : requirement.resources()) {
                String pattern = resource.pattern();
                int at = pattern.indexOf(WORKGROUP_RESOURCE);
                if (at >= 0) {
                    names.add(pattern.substring(at + WORKGROUP_RESOURCE.length()));
                }
            }
        }
        // workgroup/* grants every workgroup; DiscoveryRequest takes "*" alone.
        return names.contains(Connection.ALL_WORKGROUPS) ? List.of(Connection.ALL_WORKGROUPS) : List.copyOf(names);
    }

    /**
     * {@return {@code connection} with what {@code account} says applied}: the databases behind "all databases", the
     * enforced results location, KMS key ARNs, the Lambda functions of federated catalogs, canonical catalog names,
     * Lake Formation, and the enabled workgroups whose query history the connector reads but the connection does not
     * name. What discovery could not read leaves the connection as it was; every other input is kept.
     *
     * @throws ValidatorException if the workgroup's result location cannot be expressed as a policy resource
     */
    static Connection apply(Connection connection, DiscoveredAccount account) {
        checkNotNull(connection, "connection");
        checkNotNull(account, "account");
        Connection.Builder builder = connection.toBuilder()
                .catalogs(catalogs(connection, account))
                .databases(databases(connection, account))
                .lambdas(lambdas(connection, account))
                .kmsKeys(kmsKeys(connection, account));
        String results = results(connection, account);
        if (results != null) {
            try {
                builder.results(results);
            } catch (IllegalArgumentException e) {
                // The location came from the account, not from the user: not bad input, the check cannot go on.
                throw new ValidatorException(
                        "the workgroup's result location the account returned cannot be granted: " + e.getMessage(), e);
            }
        }
        // Checked as the connector will really read them; the discovery findings tell the user to name them.
        account.uncoveredHistoryWorkgroups().forEach(builder::addHistoryWorkgroup);
        // Discovery only ever adds Lake Formation: a user who says LF governs knows of registrations it cannot see.
        boolean governed =
                account.lakeFormation() != null && account.lakeFormation().governs();
        return builder.lakeFormation(connection.lakeFormation() || governed).build();
    }

    /**
     * The canonical name Athena returns for each found catalog, plus the configured spelling when it differs: IAM
     * matches catalog ARNs case-sensitively and which spelling Athena authorizes is not settled, so both are kept
     * (athena-connector-needs.md §4, safe default). The default catalog keeps the connector's spelling, which
     * both-catalog-cases widens (DESIGN.md).
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
