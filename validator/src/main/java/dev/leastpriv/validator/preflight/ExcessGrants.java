package dev.leastpriv.validator.preflight;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.check.Coverage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds grants far wider than an Athena connector needs. No connector profile needs any of them, so each one is a
 * finding that fails the run (exit 1): a role that can create users or pass roles is an administrator by another
 * name, whatever else it lacks.
 *
 * <p>Two ways, so that both back-ends see the same: sentinel actions on {@code *} (identity and organization-wide
 * changes, key deletion, bucket deletion and policy changes, Lake Formation grants, secrets), asked of the simulator
 * along with the requirements or evaluated offline over the fetched policies; and, where the policies are at hand
 * (fetch mode), the statements themselves: an Allow of {@code *}, of every action of a sensitive service, or with
 * {@code NotAction}, whatever its resources (one edit of the resource away from everything).
 */
final class ExcessGrants {

    /** Services whose whole-service grant is reported: identity, organization, keys, storage, data-lake grants. */
    static final ImmutableSet<String> SENSITIVE_SERVICES =
            ImmutableSet.of("iam", "sts", "organizations", "kms", "s3", "lakeformation", "secretsmanager");

    /** The sentinels, each on {@code *}: no connector needs any; each alone is a privilege a connector must not hold. */
    static final ImmutableList<Requirement> SENTINELS = ImmutableList.of(
            sentinel("iam:CreateUser", "creates IAM users (a way in that outlives the connector)"),
            sentinel("iam:PassRole", "passes any role to a service (privilege escalation)"),
            sentinel("iam:PutRolePolicy", "writes role policies (privilege escalation)"),
            sentinel("iam:AttachRolePolicy", "attaches any managed policy (privilege escalation)"),
            sentinel("iam:CreateAccessKey", "creates access keys for any user"),
            sentinel("organizations:LeaveOrganization", "takes the account out of its organization's SCPs"),
            sentinel("kms:ScheduleKeyDeletion", "deletes KMS keys (data loss)"),
            sentinel("s3:DeleteBucket", "deletes buckets (data loss)"),
            sentinel("s3:PutBucketPolicy", "rewrites bucket policies"),
            sentinel("lakeformation:GrantPermissions", "grants Lake Formation permissions to anyone"),
            sentinel("secretsmanager:GetSecretValue", "reads every secret"));

    private ExcessGrants() {}

    private static Requirement sentinel(String action, String why) {
        return Requirement.stated(Feature.METADATA, Action.parse(action), List.of(Resource.ALL), why);
    }

    /** {@return an excess grant per sentinel the coverage allows, in sentinel order} */
    static ImmutableList<ExcessGrant> ofSentinels(List<Coverage> sentinels) {
        ImmutableList.Builder<ExcessGrant> found = ImmutableList.builder();
        for (Coverage coverage : sentinels) {
            if (coverage.isAllowed()) {
                found.add(new ExcessGrant(
                        coverage.requirement().action() + " on *",
                        coverage.results().get(0).explanation(),
                        "the role " + coverage.requirement().reason() + "; no connector needs it"));
            }
        }
        return found.build();
    }

    /** {@return the statements of {@code policies} (by name) that allow far too much, in policy order} */
    static ImmutableList<ExcessGrant> ofStatements(Map<String, Policy> policies) {
        ImmutableList.Builder<ExcessGrant> found = ImmutableList.builder();
        for (Map.Entry<String, Policy> policy : policies.entrySet()) {
            for (Statement statement : policy.getValue().statements()) {
                if (!statement.isAllow()) {
                    continue;
                }
                String sid = statement.sid() == null ? "" : " (Sid " + statement.sid() + ")";
                String source = policy.getKey() + sid;
                if (!statement.notActions().isEmpty()) {
                    found.add(new ExcessGrant(
                            "NotAction " + statement.notActions(),
                            source,
                            "an Allow with NotAction grants every action of every service not listed"));
                }
                Set<String> reported = new LinkedHashSet<>();
                for (Action action : statement.actions()) {
                    String grant = wide(action);
                    if (grant != null && reported.add(grant)) {
                        found.add(new ExcessGrant(
                                grant,
                                source,
                                grant.equals("*")
                                        ? "every action of every service: administrator access"
                                        : "every action of " + action.service() + ", a sensitive service"));
                    }
                }
            }
        }
        return found.build();
    }

    /** {@return {@code *} or {@code service:*} if {@code action} grants that much, else null} */
    private static @Nullable String wide(Action action) {
        String service = action.service();
        String name = action.name();
        if (service.equals("*") || (service.chars().allMatch(c -> c == '*' || c == '?') && name.equals("*"))) {
            return "*";
        }
        boolean wholeService = name.chars().allMatch(c -> c == '*');
        return wholeService && matchesSensitive(service) ? service.toLowerCase(java.util.Locale.ROOT) + ":*" : null;
    }

    private static boolean matchesSensitive(String servicePattern) {
        String lower = servicePattern.toLowerCase(java.util.Locale.ROOT);
        if (!lower.contains("*") && !lower.contains("?")) {
            return SENSITIVE_SERVICES.contains(lower);
        }
        String regex = lower.replace("?", ".").replace("*", ".*");
        return SENSITIVE_SERVICES.stream().anyMatch(s -> s.matches(regex));
    }
}
