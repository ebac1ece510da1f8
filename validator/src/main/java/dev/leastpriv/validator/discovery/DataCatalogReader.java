package dev.leastpriv.validator.discovery;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.validator.discovery.DiscoveredCatalog.Type;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.DataCatalog;
import software.amazon.awssdk.services.athena.model.DataCatalogSummary;
import software.amazon.awssdk.services.athena.model.DataCatalogType;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;

/**
 * Finds each configured catalog's canonical name and type with {@code athena:ListDataCatalogs} (Resource "*"), and
 * the Lambda functions behind it with {@code athena:GetDataCatalog} (athena-connector-needs.md §4, A10, PF-05).
 */
final class DataCatalogReader {

    static final String LIST = "athena:ListDataCatalogs";
    static final String GET = "athena:GetDataCatalog";
    /** The default Glue-backed catalog, as ListDataCatalogs names it. */
    static final String DEFAULT_CATALOG = "AwsDataCatalog";
    /** The catalog parameters naming Lambda functions, in the order they are reported. */
    private static final ImmutableList<String> FUNCTION_PARAMETERS =
            ImmutableList.of("function", "metadata-function", "record-function");

    private static final Pattern LAMBDA = Pattern.compile("[A-Za-z0-9_-]{1,64}|arn:(aws[a-z-]*):lambda:[a-z0-9-]+"
            + ":\\d{12}:function:[A-Za-z0-9_-]{1,64}(:(\\$LATEST|[A-Za-z0-9_-]{1,128}))?");

    private DataCatalogReader() {}

    static ImmutableList<DiscoveredCatalog> read(
            AthenaClient athena, DiscoveryRequest request, DiscoveryFindings findings) {
        if (request.catalogs().isEmpty()) {
            return ImmutableList.of();
        }
        Optional<List<DataCatalogSummary>> listed = findings.call(
                LIST,
                "the canonical names and types of the data catalogs",
                () -> athena.listDataCatalogsPaginator(r -> {}).dataCatalogsSummary().stream()
                        .toList());
        List<DiscoveredCatalog> catalogs = new ArrayList<>();
        for (String configured : request.catalogs()) {
            if (configured.equalsIgnoreCase(DEFAULT_CATALOG)) {
                // GetDataCatalog("AwsDataCatalog") always fails ("DataCatalog AwsDataCatalog was not found"),
                // whatever the permissions, and the default catalog always exists (athena-connector-needs.md §4).
                catalogs.add(
                        new DiscoveredCatalog(configured, true, DEFAULT_CATALOG, Type.GLUE, ImmutableList.of(), null));
                continue;
            }
            Optional<DiscoveredCatalog> catalog = listed.isPresent()
                    ? fromList(athena, request, configured, listed.get(), findings)
                    : get(athena, request, configured, configured, findings);
            String source = listed.isPresent() ? LIST : GET;
            catalog.ifPresent(found -> {
                judge(found, source, request, findings);
                catalogs.add(found);
            });
        }
        return ImmutableList.copyOf(catalogs);
    }

    private static Optional<DiscoveredCatalog> fromList(
            AthenaClient athena,
            DiscoveryRequest request,
            String configured,
            List<DataCatalogSummary> listed,
            DiscoveryFindings findings) {
        // Exact spelling first; then the only other spelling Athena may hold of it (IAM matches case-sensitively).
        Optional<DataCatalogSummary> match = listed.stream()
                .filter(s -> configured.equals(s.catalogName()))
                .findFirst()
                .or(() -> listed.stream()
                        .filter(s -> configured.equalsIgnoreCase(s.catalogName()))
                        .findFirst());
        if (match.isEmpty()) {
            return Optional.of(DiscoveredCatalog.missing(configured));
        }
        DataCatalogSummary summary = match.get();
        Optional<DiscoveredCatalog> full = get(athena, request, configured, summary.catalogName(), findings);
        // Denied or failed GetDataCatalog: the listing still tells the name and type, not the functions.
        return full.or(() -> Optional.of(new DiscoveredCatalog(
                configured, true, summary.catalogName(), type(summary.type()), ImmutableList.of(), null)));
    }

    private static Optional<DiscoveredCatalog> get(
            AthenaClient athena, DiscoveryRequest request, String configured, String name, DiscoveryFindings findings) {
        return findings.call(GET, "the type and Lambda functions of data catalog \"" + name + "\"", () -> {
            try {
                DataCatalog catalog = athena.getDataCatalog(r -> r.name(name)).dataCatalog();
                return catalog == null
                        ? DiscoveredCatalog.missing(configured)
                        : map(request, configured, catalog, findings);
            } catch (ResourceNotFoundException e) {
                return DiscoveredCatalog.missing(configured);
            } catch (InvalidRequestException e) {
                // "DataCatalog <name> was not found": no error code, the text is the only signal.
                if (WorkgroupReader.notFound(e)) {
                    return DiscoveredCatalog.missing(configured);
                }
                throw e;
            }
        });
    }

    private static DiscoveredCatalog map(
            DiscoveryRequest request, String configured, DataCatalog catalog, DiscoveryFindings findings) {
        Map<String, String> parameters = catalog.hasParameters() ? catalog.parameters() : Map.of();
        List<String> functions = new ArrayList<>();
        for (String parameter : FUNCTION_PARAMETERS) {
            String value = parameters.get(parameter);
            if (value == null || value.isBlank()) {
                continue;
            }
            Matcher lambda = LAMBDA.matcher(value);
            if (lambda.matches()
                    && lambda.group(1) != null
                    && !lambda.group(1).equals(request.partition().id())) {
                findings.add(
                        GET,
                        Level.WARNING,
                        "data catalog \"" + catalog.name() + "\" has " + parameter + "=" + value + " in partition \""
                                + lambda.group(1) + "\", not the connection's \"" + request.partition()
                                + "\"; it is left out");
            } else if (lambda.matches()) {
                if (!functions.contains(value)) {
                    functions.add(value);
                }
            } else {
                findings.add(
                        GET,
                        Level.WARNING,
                        "data catalog \"" + catalog.name() + "\" has " + parameter + "=" + InputRules.quote(value)
                                + ", which is not a Lambda function name or ARN; it is left out");
            }
        }
        String catalogId = parameters.get("catalog-id");
        return new DiscoveredCatalog(
                configured,
                true,
                catalog.name(),
                type(catalog.type()),
                ImmutableList.copyOf(functions),
                catalogId == null || catalogId.isBlank() ? null : catalogId);
    }

    private static @Nullable Type type(@Nullable DataCatalogType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case GLUE -> Type.GLUE;
            case LAMBDA -> Type.LAMBDA;
            case HIVE -> Type.HIVE;
            case FEDERATED -> Type.FEDERATED;
            case UNKNOWN_TO_SDK_VERSION -> Type.OTHER;
        };
    }

    private static void judge(
            DiscoveredCatalog catalog, String source, DiscoveryRequest request, DiscoveryFindings findings) {
        String configured = "data catalog \"" + catalog.configured() + "\"";
        if (!catalog.found()) {
            findings.add(source, Level.ERROR, configured + " does not exist in " + request.region());
            return;
        }
        if (!catalog.name().equals(catalog.configured())) {
            findings.add(
                    LIST,
                    Level.INFO,
                    configured + " is \"" + catalog.name() + "\" in Athena; IAM matches catalog ARNs"
                            + " case-sensitively");
        }
        if (!catalog.lambdaFunctions().isEmpty()) {
            findings.add(
                    GET,
                    Level.INFO,
                    "data catalog \"" + catalog.name() + "\" is " + catalog.type() + ": the connector needs"
                            + " lambda:InvokeFunction on " + String.join(", ", catalog.lambdaFunctions()));
        } else if (catalog.type() == Type.FEDERATED) {
            findings.add(
                    GET,
                    Level.WARNING,
                    "data catalog \"" + catalog.name() + "\" is FEDERATED and its parameters name no Lambda"
                            + " function: give the function Athena created for it (athenafederatedcatalog_…) so the"
                            + " policy can grant lambda:InvokeFunction");
        }
        if (catalog.glueCatalogId() != null
                && !catalog.glueCatalogId().equals(request.account().value())) {
            findings.add(
                    GET,
                    Level.WARNING,
                    "data catalog \"" + catalog.name() + "\" is the Glue catalog of account " + catalog.glueCatalogId()
                            + ": that account must also allow the role in its Glue resource policy, which cannot be"
                            + " simulated here");
        }
    }
}
