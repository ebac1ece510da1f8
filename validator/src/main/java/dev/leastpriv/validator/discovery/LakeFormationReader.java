package dev.leastpriv.validator.discovery;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.DataLakeSettings;
import software.amazon.awssdk.services.lakeformation.model.PrincipalPermissions;

/** Reads Lake Formation's data lake settings of the connection's catalog (athena-connector-needs.md A9, PF-07). */
final class LakeFormationReader {

    static final String CALL = "lakeformation:GetDataLakeSettings";
    /** The principal that stands for "IAM policies decide" in Lake Formation default permissions. */
    static final String IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS";

    private LakeFormationReader() {}

    static Optional<DiscoveredLakeFormation> read(
            LakeFormationClient lakeFormation, DiscoveryRequest request, DiscoveryFindings findings) {
        String account = request.account().value();
        Optional<DiscoveredLakeFormation> read = findings.call(
                CALL,
                "whether Lake Formation governs the Glue catalog of account " + account,
                () -> map(lakeFormation
                        .getDataLakeSettings(r -> r.catalogId(account))
                        .dataLakeSettings()));
        read.ifPresent(settings -> {
            if (settings.governs()) {
                findings.add(
                        CALL,
                        Level.WARNING,
                        "Lake Formation governs new " + (settings.governsNewDatabases() ? "databases" : "")
                                + (settings.governsNewDatabases() && settings.governsNewTables() ? " and " : "")
                                + (settings.governsNewTables() ? "tables" : "") + " of account " + account
                                + " (the default permissions lack " + IAM_ALLOWED_PRINCIPALS + "): Lake Formation"
                                + " grants are outside IAM and cannot be simulated; grant DESCRIBE and SELECT to the"
                                + " role ARN");
            } else {
                findings.add(
                        CALL,
                        Level.INFO,
                        "Lake Formation leaves new databases and tables of account " + account + " to IAM ("
                                + IAM_ALLOWED_PRINCIPALS + "); databases registered with Lake Formation or in hybrid"
                                + " access mode are still governed by its grants, which are not checked");
            }
        });
        return read;
    }

    private static DiscoveredLakeFormation map(DataLakeSettings settings) {
        if (settings == null) {
            // No settings: Lake Formation's defaults, which grant IAM_ALLOWED_PRINCIPALS.
            return new DiscoveredLakeFormation(false, false, ImmutableList.of());
        }
        return new DiscoveredLakeFormation(
                governs(settings.hasCreateDatabaseDefaultPermissions(), settings.createDatabaseDefaultPermissions()),
                governs(settings.hasCreateTableDefaultPermissions(), settings.createTableDefaultPermissions()),
                settings.dataLakeAdmins().stream()
                        .map(DataLakePrincipal::dataLakePrincipalIdentifier)
                        .filter(id -> id != null)
                        .collect(ImmutableList.toImmutableList()));
    }

    /** A default-permission list without IAM_ALLOWED_PRINCIPALS hands new resources to Lake Formation's grants. */
    private static boolean governs(boolean present, List<PrincipalPermissions> permissions) {
        if (!present) {
            // Absent from the response (not an empty list): Lake Formation's default, IAM_ALLOWED_PRINCIPALS.
            return false;
        }
        return permissions.stream()
                .map(PrincipalPermissions::principal)
                .noneMatch(p -> p != null && IAM_ALLOWED_PRINCIPALS.equals(p.dataLakePrincipalIdentifier()));
    }
}
