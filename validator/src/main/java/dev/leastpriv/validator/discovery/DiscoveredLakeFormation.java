package dev.leastpriv.validator.discovery;

import com.google.common.collect.ImmutableList;

/**
 * Lake Formation's data lake settings ({@code lakeformation:GetDataLakeSettings}).
 *
 * <p>By default Lake Formation grants {@code IAM_ALLOWED_PRINCIPALS} on new databases and tables, so IAM policies
 * alone decide; default permissions without it mean Lake Formation governs new databases or tables, and its grants
 * (outside IAM) decide too (athena-connector-needs.md A9, PF-07).
 *
 * @param admins the data lake administrators, sorted
 */
public record DiscoveredLakeFormation(
        boolean governsNewDatabases, boolean governsNewTables, ImmutableList<String> admins) {

    public DiscoveredLakeFormation {
        admins = ImmutableList.sortedCopyOf(admins);
    }

    /** {@return whether Lake Formation governs new databases or new tables} */
    public boolean governs() {
        return governsNewDatabases || governsNewTables;
    }
}
