package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import org.jspecify.annotations.Nullable;

/**
 * A configured Athena data catalog as the account lists it (athena-connector-needs.md §4, A3, A10, PF-05).
 *
 * @param configured the name as the user configured it
 * @param found whether Athena has the catalog
 * @param name the canonical name as Athena returns it ({@code AwsDataCatalog} for the default catalog); the
 *     configured name when not found
 * @param type the catalog type, or null when not found
 * @param lambdaFunctions the Lambda functions from the catalog's parameters ({@code function}, or
 *     {@code metadata-function} and {@code record-function}), as ARNs or names; empty when it has none or they
 *     could not be read
 * @param glueCatalogId the {@code catalog-id} parameter of a GLUE catalog (the account owning the Glue catalog), or
 *     null
 */
public record DiscoveredCatalog(
        String configured,
        boolean found,
        String name,
        @Nullable Type type,
        ImmutableList<String> lambdaFunctions,
        @Nullable String glueCatalogId) {

    /** Athena's data catalog types. */
    public enum Type {
        GLUE,
        LAMBDA,
        HIVE,
        FEDERATED,
        /** A type this version does not know. */
        OTHER
    }

    public DiscoveredCatalog {
        checkNotNull(configured, "configured");
        checkNotNull(name, "name");
        lambdaFunctions = ImmutableList.copyOf(lambdaFunctions);
    }

    /** {@return a catalog Athena does not have} */
    public static DiscoveredCatalog missing(String configured) {
        return new DiscoveredCatalog(configured, false, configured, null, ImmutableList.of(), null);
    }
}
