package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import dev.leastpriv.core.InputRules;
import java.util.EnumSet;
import java.util.stream.Collectors;

/**
 * Everything a policy is rendered from: the connection, the connector profile, the features it uses, and whether
 * absent inputs become documentation placeholders such as {@code <<ACCOUNT_ID>>}.
 *
 * <pre>{@code
 * PolicyRequest request = PolicyRequest.of(connection, Profile.OPENMETADATA, ImmutableSet.of());
 * RenderedPolicy rendered = PolicyRenderer.render(request);
 * }</pre>
 *
 * <p>No features means the profile's defaults. Lambda functions in the connection imply {@code federated-query}.
 */
public record PolicyRequest(
        Connection connection, Profile profile, ImmutableSet<Feature> features, boolean placeholders) {

    public PolicyRequest {
        checkNotNull(connection, "connection");
        checkNotNull(profile, "profile");
        EnumSet<Feature> wanted = EnumSet.noneOf(Feature.class);
        features.forEach(wanted::add);
        if (wanted.isEmpty()) {
            wanted.addAll(profile.defaultFeatures());
        }
        if (!connection.lambdas().isEmpty()) {
            wanted.add(Feature.FEDERATED_QUERY);
        }
        for (Feature feature : wanted) {
            InputRules.checkInput(
                    profile.features().contains(feature),
                    "features: connector %s has no feature \"%s\"; it supports %s",
                    profile.id(),
                    feature.id(),
                    profile.features().stream().map(Feature::id).collect(Collectors.joining(", ")));
        }
        features = Sets.immutableEnumSet(wanted);
        // OpenMetadata's connection URL names no database (connection.py get_connection_url), so PyAthena always
        // sends "default": a configured session database would grant a database OpenMetadata never names.
        InputRules.checkInput(
                profile.calls().acceptsSessionDatabase() || connection.sessionDatabase() == null,
                "session-database: %s always uses the session database \"default\" (its connection URL names"
                        + " none), so \"%s\" would be granted in vain; leave session-database out",
                profile.displayName(),
                connection.sessionDatabase());
        InputRules.checkInput(
                connection.writeLocations().isEmpty() || features.contains(Feature.MODELS),
                "write-location is used only by the models feature (dbt-athena), the only feature that writes;"
                        + " read-only table data goes in data");
        if (!placeholders) {
            String template = " (or render a documentation template with placeholders)";
            InputRules.checkInput(connection.region() != null, "region is required, e.g. \"eu-west-1\"%s", template);
            InputRules.checkInput(
                    connection.account() != null, "account is required: the 12-digit AWS account id%s", template);
            InputRules.checkInput(
                    connection.results() != null,
                    "results is required: the Athena query result location, e.g. \"s3://athena-results/connector/\"%s",
                    template);
            InputRules.checkInput(
                    connection.hasDatabases(),
                    "database is required: one or more Glue database names, a database-prefix, or \"*\" for all"
                            + " databases%s",
                    template);
            InputRules.checkInput(
                    !features.contains(Feature.FEDERATED_QUERY)
                            || !connection.lambdas().isEmpty(),
                    "features: federated-query needs at least one lambda (function name or ARN)%s",
                    template);
            InputRules.checkInput(
                    !features.contains(Feature.PARTITION_PROFILING) || connection.sessionDatabase() != null,
                    "features: partition-profiling creates and drops temporary views in DataHub's session database;"
                            + " set session-database to a scratch database (DataHub's database setting), where"
                            + " alone the views are written%s",
                    template);
            InputRules.checkInput(
                    !connection.kms() || !connection.kmsKeys().isEmpty(),
                    "kms needs at least one kms-key (key id or key ARN)%s",
                    template);
        }
    }

    /** {@return a request for real values (no placeholders)} */
    public static PolicyRequest of(Connection connection, Profile profile, Iterable<Feature> features) {
        return new PolicyRequest(connection, profile, ImmutableSet.copyOf(features), false);
    }

    /** {@return a request that renders placeholders for every input not given} */
    public static PolicyRequest template(Connection connection, Profile profile, Iterable<Feature> features) {
        return new PolicyRequest(connection, profile, ImmutableSet.copyOf(features), true);
    }

    /**
     * {@return this request, when it holds real values}: a job that checks policies or a live role ({@code job},
     * e.g. "a check") cannot use a documentation template, whose placeholders no IAM request can match
     *
     * @throws IllegalArgumentException naming the job, if the request renders placeholders
     */
    public PolicyRequest requireValues(String job) {
        checkNotNull(job, "job");
        InputRules.checkInput(
                !placeholders,
                "%s needs real values: placeholders are a documentation template and cannot be allowed or denied;"
                        + " leave placeholders out and give the region, account, databases and results",
                job);
        return this;
    }

    /** {@return whether any requested feature reads table data} */
    public boolean readsData() {
        return features.stream().anyMatch(Feature::readsData);
    }
}
