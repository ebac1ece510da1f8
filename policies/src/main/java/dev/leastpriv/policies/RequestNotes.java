package dev.leastpriv.policies;

import dev.leastpriv.core.Arn;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.LambdaFunction;
import dev.leastpriv.core.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The notes on a request as a whole: inputs no feature uses, and what the tool needs that no policy can grant. */
final class RequestNotes {

    private RequestNotes() {}

    /**
     * {@return the notes on {@code request} as a whole}
     *
     * @param historyWorkgroups the workgroups whose history is granted
     * @param externalCatalogs the non-default catalogs
     */
    static List<String> of(PolicyRequest request, List<Resource> historyWorkgroups, List<Resource> externalCatalogs) {
        Connection connection = request.connection();
        Profile profile = request.profile();
        ToolCalls calls = profile.calls();
        List<String> notes = new ArrayList<>();
        boolean history = request.features().contains(Feature.USAGE)
                || (request.features().contains(Feature.LINEAGE) && calls.lineageFromViewDefinitions() == null);
        if (history
                && calls.readsEveryEnabledWorkgroup() != null
                && !request.placeholders()
                && !connection.historyWorkgroups().contains(Connection.ALL_WORKGROUPS)) {
            notes.add(profile.displayName() + "'s usage and lineage read the query history of every ENABLED"
                    + " workgroup, not only the configured one, and stop at the first they may not read: history is"
                    + " granted on "
                    + historyWorkgroups.stream()
                            .map(r -> r.pattern().substring(r.pattern().lastIndexOf('/') + 1))
                            .collect(Collectors.joining(", "))
                    + "; add every other enabled workgroup as a history workgroup, or \"*\" for all");
        }
        if (!history && !connection.historyWorkgroups().isEmpty()) {
            notes.add("history workgroups are not used: no requested feature reads the query history");
        }
        if (!request.features().contains(Feature.FEDERATED_QUERY)
                && !connection.spill().isEmpty()) {
            notes.add("spill locations are not used: they serve the federated-query feature only");
        }
        if (!request.readsData() && !connection.data().isEmpty()) {
            notes.add("data locations are not used: no requested feature reads table data ("
                    + profile.features().stream()
                            .filter(Feature::readsData)
                            .map(Feature::id)
                            .collect(Collectors.joining(", "))
                    + " do)");
        }
        for (LambdaFunction function : connection.lambdas()) {
            Arn arn = function.arn();
            // Athena invokes a catalog's Lambda function in the catalog's own region, and a function of another
            // account is reachable only with that account's resource policy: worth a look either way.
            if (arn != null
                    && connection.account() != null
                    && !arn.account().equals(connection.account().value())) {
                notes.add("lambda " + InputRules.quote(arn) + " is in account " + arn.account() + ", not the"
                        + " connection's account " + connection.account() + ": the function's own resource policy"
                        + " must allow this role to invoke it");
            }
            if (arn != null
                    && connection.region() != null
                    && !arn.region().equals(connection.region().name())) {
                notes.add("lambda " + InputRules.quote(arn) + " is in region " + arn.region() + ", not the"
                        + " connection's region " + connection.region() + ": Athena invokes the function of a"
                        + " federated catalog in the region the catalog is registered in; check it is that one");
            }
        }
        if (!calls.hasWorkgroupSetting()
                && connection.workgroup() != null
                && !connection.workgroup().equals(Connection.DEFAULT_WORKGROUP)) {
            notes.add(profile.displayName() + "'s connection form has no workgroup field, so it probably runs its"
                    + " queries in primary (unconfirmed): if it does, workgroup "
                    + InputRules.quote(connection.workgroup()) + " grants nothing it uses");
        }
        if (profile.features().contains(Feature.PARTITION_PROFILING)
                && request.features().contains(Feature.PROFILER)
                && !request.features().contains(Feature.PARTITION_PROFILING)) {
            notes.add("DataHub's partition_profiling_enabled and custom-SQL profiling create temporary views in"
                    + " the session database: they need the partition-profiling feature and a scratch session"
                    + " database");
        }
        if (!request.features().contains(Feature.FEDERATED_QUERY)) {
            for (Resource catalog : externalCatalogs) {
                String name = catalog.pattern().substring(catalog.pattern().lastIndexOf('/') + 1);
                notes.add("catalog " + InputRules.quote(name)
                        + " is not the default catalog: if it is a federated (Lambda)"
                        + " catalog, add the federated-query feature with its lambda and spill location; if it is"
                        + " a Glue catalog of another account, the Glue grants here name this account's catalog"
                        + " and do not reach it");
            }
        }
        return notes;
    }
}
