package dev.leastpriv.policies.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.net.InetAddresses;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Condition;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.catalog.ActionDefinition;
import dev.leastpriv.core.catalog.ConditionKeyType;
import dev.leastpriv.core.catalog.ResourceType;
import dev.leastpriv.core.catalog.ResourceTypeRef;
import dev.leastpriv.core.json.PolicyJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lints on a policy's version, conditions and grants that peers name (parliament with its community auditors,
 * cloudsplaining, Access Analyzer's policy check reference) and a few none does (a partition that does not hold the
 * region, an unqualified Lambda function ARN). Each finding is reported through a {@link Sink} with its canonical
 * pointer; {@link PolicyCheck} locates it in the file.
 */
final class StatementLint {

    /** Where a finding goes. */
    interface Sink {
        void add(Severity severity, String code, String pointer, String message);
    }

    /**
     * Actions that let a principal raise its own permissions on their own, as cloudsplaining's and parliament's
     * privilege-escalation lists name them (Rhino Security Labs' IAM escalation methods).
     */
    private static final ImmutableSet<String> ESCALATION = ImmutableSet.of(
            "iam:createpolicyversion",
            "iam:setdefaultpolicyversion",
            "iam:attachuserpolicy",
            "iam:attachgrouppolicy",
            "iam:attachrolepolicy",
            "iam:putuserpolicy",
            "iam:putgrouppolicy",
            "iam:putrolepolicy",
            "iam:updateassumerolepolicy",
            "iam:createaccesskey",
            "iam:createloginprofile",
            "iam:updateloginprofile",
            "iam:addusertogroup",
            "glue:updatedevendpoint",
            "lambda:updatefunctioncode");

    /** Actions that, with {@code iam:PassRole}, run code as a more privileged role (the same lists). */
    private static final ImmutableList<ImmutableSet<String>> PASS_ROLE_PATHS = ImmutableList.of(
            ImmutableSet.of("lambda:createfunction", "lambda:invokefunction"),
            ImmutableSet.of("lambda:createfunction", "lambda:createeventsourcemapping"),
            ImmutableSet.of("ec2:runinstances"),
            ImmutableSet.of("glue:createdevendpoint"),
            ImmutableSet.of("cloudformation:createstack"),
            ImmutableSet.of("datapipeline:createpipeline"),
            ImmutableSet.of("glue:createjob", "glue:startjobrun"));

    /**
     * Global keys that AWS's own managed policies use but the Service Authorization Reference data does not list
     * (aws:PrincipalOrgMasterAccountId: AWSSSOServiceRolePolicy).
     */
    private static final ImmutableSet<String> UNLISTED_GLOBAL_KEYS = ImmutableSet.of("aws:principalorgmasteraccountid");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern EPOCH = Pattern.compile("-?\\d+");

    private final ActionCatalog catalog;

    StatementLint(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    /** Version: absent (then 2008-10-17), or 2008-10-17 with variables, which IAM then reads as literal text. */
    void version(Policy policy, boolean versionWritten, String json, Sink sink) {
        if (!versionWritten) {
            sink.add(
                    Severity.WARNING,
                    "MISSING_VERSION",
                    "",
                    "The policy has no \"Version\": IAM reads it as 2008-10-17, without policy variables; add"
                            + " \"Version\": \"2012-10-17\"");
        } else if (policy.version().equals(Policy.VERSION_2008) && json.contains("${")) {
            sink.add(
                    Severity.WARNING,
                    "VERSION_2008_VARIABLES",
                    "/Version",
                    "\"Version\": \"2008-10-17\" reads ${…} as literal text, so the policy variables never resolve;"
                            + " use \"2012-10-17\"");
        }
    }

    /**
     * An action written twice in one statement's list. The model keeps each action once, so this reads the file's
     * own JSON; {@code json} is a document that already parsed as a policy.
     */
    void duplicateActions(String json, Sink sink) {
        JsonNode root;
        try {
            root = PolicyJson.readTree(json);
        } catch (JsonProcessingException e) {
            return; // parsed as a policy already; nothing more to say here
        }
        JsonNode statements = root.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        for (int i = 0; i < list.size(); i++) {
            for (String element : List.of("Action", "NotAction")) {
                JsonNode actions = list.get(i).path(element);
                Set<String> seen = new LinkedHashSet<>();
                for (int j = 0; j < actions.size(); j++) {
                    String action = actions.path(j).asText();
                    if (!seen.add(action.toLowerCase(Locale.ROOT))) {
                        sink.add(
                                Severity.SUGGESTION,
                                "REDUNDANT_ACTION",
                                "/Statement/" + i + "/" + element + "/" + j,
                                InputRules.quote(action) + " is listed twice in the same statement");
                    }
                }
            }
        }
    }

    /** Every lint of one statement at {@code at} ({@code /Statement/i}). */
    void statement(Statement statement, String at, boolean boundary, Sink sink) {
        boolean allow = statement.effect() == Effect.ALLOW;
        List<ActionDefinition> actions = concreteActions(statement);
        conditions(statement, at, allow, actions, sink);
        resources(statement, at, sink);
        redundantActions(statement, at, sink);
        if (allow && !boundary && statement.notActions().isEmpty()) {
            grants(statement, at, sink);
        }
    }

    /** Escalation across a file: iam:PassRole with an action that runs code as the passed role. */
    void passRolePaths(Policy policy, boolean boundary, Sink sink) {
        if (boundary) {
            return;
        }
        Set<String> granted = new LinkedHashSet<>();
        String passRoleAt = null;
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            if (statement.effect() != Effect.ALLOW || !statement.notActions().isEmpty()) {
                continue;
            }
            List<Action> list = List.copyOf(statement.actions());
            for (int j = 0; j < list.size(); j++) {
                if (list.get(j).equals(Action.ALL)) {
                    continue; // an administrator policy is UNSAFE_ACTION_WILDCARD already
                }
                for (String action : names(list.get(j))) {
                    granted.add(action);
                    if (action.equals("iam:passrole") && passRoleAt == null) {
                        passRoleAt = "/Statement/" + i + "/Action/" + j;
                    }
                }
            }
        }
        if (passRoleAt == null) {
            return;
        }
        for (ImmutableSet<String> path : PASS_ROLE_PATHS) {
            if (granted.containsAll(path)) {
                sink.add(
                        Severity.SECURITY_WARNING,
                        "PRIVILEGE_ESCALATION",
                        passRoleAt,
                        "iam:PassRole with " + String.join(" and ", path)
                                + " lets the principal run code as a role it passes, with that role's permissions"
                                + " (privilege escalation)");
                return;
            }
        }
    }

    // ---- conditions ---------------------------------------------------------------------------------------------

    private void conditions(Statement statement, String at, boolean allow, List<ActionDefinition> actions, Sink sink) {
        for (Condition condition : statement.conditions()) {
            String pointer = at + "/Condition/" + escape(condition.operator()) + "/" + escape(condition.key());
            String key = condition.key();
            String lower = key.toLowerCase(Locale.ROOT);
            Optional<ConditionKeyType> type = catalog.conditionKeyType(key);
            String prefix = lower.contains(":") ? lower.substring(0, lower.indexOf(':')) : "";
            if (type.isEmpty()) {
                if (prefix.equals("aws") && !UNLISTED_GLOBAL_KEYS.contains(lower)) {
                    sink.add(
                            Severity.ERROR,
                            "UNKNOWN_CONDITION_KEY",
                            pointer,
                            InputRules.quote(key)
                                    + " is not an AWS global condition key, so the condition never matches it"
                                    + " (catalog " + catalog.source() + " " + catalog.version() + ")");
                }
                continue;
            }
            unsupported(condition, prefix, actions, pointer, sink);
            ConditionKeyType element = type.get().isArray() ? type.get().elementType() : type.get();
            String family = family(condition.operator());
            if (!family.equals("Null") && !fits(family, element)) {
                sink.add(
                        Severity.ERROR,
                        "CONDITION_OPERATOR_TYPE",
                        pointer,
                        condition.operator() + " compares " + family.toLowerCase(Locale.ROOT) + " values, but \""
                                + key + "\" is of type " + element.dataName() + "; use a "
                                + element.dataName() + " operator");
            } else {
                values(condition, family, pointer, sink);
            }
            String set = condition.operator().contains(":")
                    ? condition.operator().substring(0, condition.operator().indexOf(':'))
                    : "";
            if (!type.get().isArray() && set.equals("ForAllValues") && allow) {
                sink.add(
                        Severity.SECURITY_WARNING,
                        "FOR_ALL_VALUES_SINGLE_VALUED",
                        pointer,
                        "ForAllValues on the single-valued key " + InputRules.quote(key)
                                + " also matches when the key is absent,"
                                + " so this Allow can apply to requests without it; use the operator without"
                                + " ForAllValues");
            } else if (!type.get().isArray() && set.equals("ForAnyValue")) {
                sink.add(
                        Severity.WARNING,
                        "FOR_ANY_VALUE_SINGLE_VALUED",
                        pointer,
                        "ForAnyValue on the single-valued key " + InputRules.quote(key)
                                + " is not needed; use the operator" + " without it");
            }
            if (lower.equals("aws:sourceip")) {
                privateAddresses(condition, pointer, sink);
            }
            if (lower.equals("aws:multifactorauthpresent")
                    && condition.operator().equals("Bool")
                    && condition.values().contains("false")) {
                // The key is absent for long-term access keys, so Bool "false" does not match them: parliament's
                // BAD_PATTERN_FOR_MFA; IAM User Guide, aws:MultiFactorAuthPresent ("use BoolIfExists").
                sink.add(
                        Severity.SECURITY_WARNING,
                        "MFA_BOOL_WITHOUT_IF_EXISTS",
                        pointer,
                        "Bool \"aws:MultiFactorAuthPresent\": \"false\" does not match requests signed with long-term"
                                + " access keys, which carry no such key; use BoolIfExists");
            }
        }
    }

    /** A service key that a listed action does not support: for that action the condition never holds. */
    private void unsupported(
            Condition condition, String prefix, List<ActionDefinition> actions, String pointer, Sink sink) {
        if (prefix.equals("aws")) {
            return;
        }
        String key = condition.key().toLowerCase(Locale.ROOT);
        List<String> without = new ArrayList<>();
        for (ActionDefinition action : actions) {
            if (!action.service().equalsIgnoreCase(prefix)) {
                continue;
            }
            if (!supports(action, key)) {
                without.add(action.action().toString());
            }
        }
        if (!without.isEmpty()) {
            sink.add(
                    Severity.WARNING,
                    "UNSUPPORTED_CONDITION_KEY",
                    pointer,
                    String.join(", ", without) + " does not support " + InputRules.quote(condition.key())
                            + ": the key is absent from its requests, so "
                            + (condition.operator().endsWith("IfExists")
                                            || condition.operator().startsWith("Not")
                                    ? "the condition always holds for it"
                                    : "the statement never applies to it")
                            + "; move the action to a statement of its own");
        }
    }

    private boolean supports(ActionDefinition action, String key) {
        Set<String> keys = new LinkedHashSet<>();
        action.conditionKeys().forEach(k -> keys.add(k.toLowerCase(Locale.ROOT)));
        for (ResourceTypeRef ref : action.resourceTypes()) {
            for (ResourceType type : catalog.resourceTypes(action.service())) {
                if (type.name().equals(ref.name())) {
                    type.conditionKeys().forEach(k -> keys.add(k.toLowerCase(Locale.ROOT)));
                }
            }
        }
        if (keys.contains(key)) {
            return true;
        }
        // Templated keys (s3:ExistingObjectTag/<key>, aws:ResourceTag/${TagKey}) compare up to the slash.
        int slash = key.indexOf('/');
        return slash > 0
                && keys.stream().anyMatch(k -> k.indexOf('/') == slash && k.startsWith(key.substring(0, slash + 1)));
    }

    /** The operator's family, {@code String}, {@code Numeric}, {@code Date}, {@code Bool}, … */
    private static String family(String operator) {
        String base = operator.contains(":") ? operator.substring(operator.indexOf(':') + 1) : operator;
        base = base.endsWith("IfExists") ? base.substring(0, base.length() - "IfExists".length()) : base;
        for (String family : List.of("String", "Numeric", "Date", "Bool", "Binary", "Arn", "Null")) {
            if (base.startsWith(family)) {
                return family;
            }
        }
        return base.contains("IpAddress") ? "IpAddress" : base;
    }

    /**
     * Whether operators of {@code family} compare keys of {@code type}. String and ARN operators take each other's
     * keys, and string operators take Bool keys ("true"/"false" compare as text): AWS's own managed policies do
     * both (ArnLike on kms:EncryptionContext:aws:s3:arn, StringEquals on aws:ViaAWSService).
     */
    private static boolean fits(String family, ConditionKeyType type) {
        return switch (type) {
            case STRING -> family.equals("String") || family.equals("Arn");
            case ARN -> family.equals("Arn") || family.equals("String");
            case BOOL -> family.equals("Bool") || family.equals("String");
            case DATE -> family.equals("Date");
            case NUMERIC -> family.equals("Numeric");
            case IP_ADDRESS -> family.equals("IpAddress");
            case BINARY -> family.equals("Binary");
            default -> true;
        };
    }

    private static void values(Condition condition, String family, String pointer, Sink sink) {
        for (String value : condition.values()) {
            if (VARIABLE.matcher(value).find()) {
                continue;
            }
            String expected = switch (family) {
                case "Numeric" -> number(value) ? null : "a number";
                case "Bool" ->
                    value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null : "true or false";
                case "IpAddress" -> cidr(value) ? null : "an IPv4 or IPv6 address or CIDR block";
                case "Date" -> date(value) ? null : "an ISO 8601 date or epoch seconds";
                default -> null;
            };
            if (expected != null) {
                sink.add(
                        Severity.ERROR,
                        "CONDITION_VALUE_TYPE",
                        pointer,
                        condition.operator() + " value " + InputRules.quote(value) + " is not " + expected
                                + ", so the condition never matches");
            }
        }
    }

    private static boolean number(String value) {
        try {
            new BigDecimal(value.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean cidr(String value) {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (!InetAddresses.isInetAddress(address)) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String bits = value.substring(slash + 1);
        int max = address.contains(":") ? 128 : 32;
        return bits.matches("\\d{1,3}") && Integer.parseInt(bits) <= max;
    }

    private static boolean date(String value) {
        if (EPOCH.matcher(value).matches()) {
            return true;
        }
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate.parse(value);
                return true;
            } catch (DateTimeParseException notDate) {
                return false;
            }
        }
    }

    /** aws:SourceIp holds public addresses only: a request through a VPC endpoint carries aws:VpcSourceIp. */
    private static void privateAddresses(Condition condition, String pointer, Sink sink) {
        for (String value : condition.values()) {
            String address = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
            if (InetAddresses.isInetAddress(address)
                    && InetAddresses.forString(address).isSiteLocalAddress()) {
                sink.add(
                        Severity.ERROR,
                        "PRIVATE_IP_ADDRESS",
                        pointer,
                        InputRules.quote(value)
                                + " is a private range, which aws:SourceIp never holds (requests through a"
                                + " VPC endpoint carry aws:VpcSourceIp); the condition never matches");
            }
        }
    }

    // ---- resources ------------------------------------------------------------------------------------------------

    private static void resources(Statement statement, String at, Sink sink) {
        String key = statement.resources().isEmpty() ? "/NotResource/" : "/Resource/";
        List<Resource> list =
                List.copyOf(statement.resources().isEmpty() ? statement.notResources() : statement.resources());
        for (int k = 0; k < list.size(); k++) {
            String[] parts = list.get(k).pattern().split(":", 6);
            if (parts.length < 6) {
                continue;
            }
            String pointer = at + key + k;
            String account = parts[4];
            if (!account.isEmpty()
                    && !account.equals("aws")
                    && !account.matches("\\d{12}")
                    && !account.contains("*")
                    && !account.contains("?")
                    && !account.contains("${")) {
                sink.add(
                        Severity.ERROR,
                        "INVALID_ARN_ACCOUNT",
                        pointer,
                        "Account " + InputRules.quote(account) + " in " + InputRules.quote(list.get(k))
                                + " is not a 12-digit account id, so" + " the ARN names nothing");
            }
            if (literal(parts[1]) && literal(parts[3]) && !parts[3].isEmpty()) {
                Optional<Partition> home = Partition.forRegion(parts[3].toLowerCase(Locale.ROOT));
                if (home.isPresent() && !home.get().id().equalsIgnoreCase(parts[1])) {
                    sink.add(
                            Severity.ERROR,
                            "PARTITION_REGION_MISMATCH",
                            pointer,
                            "Region " + parts[3] + " is in partition "
                                    + home.get().id() + ", not " + parts[1] + ": " + InputRules.quote(list.get(k))
                                    + " names no resource");
                }
            }
            for (int other = 0; other < list.size(); other++) {
                if (other != k
                        && list.get(other).covers(list.get(k))
                        && (!list.get(k).covers(list.get(other)) || other < k)) {
                    sink.add(
                            Severity.SUGGESTION,
                            "REDUNDANT_RESOURCE",
                            pointer,
                            InputRules.quote(list.get(k)) + " is already covered by "
                                    + InputRules.quote(list.get(other)) + " in the same statement");
                    break;
                }
            }
        }
    }

    private static boolean literal(String segment) {
        return segment.indexOf('*') < 0 && segment.indexOf('?') < 0 && !segment.contains("${");
    }

    // ---- actions ----------------------------------------------------------------------------------------------------

    private static void redundantActions(Statement statement, String at, Sink sink) {
        String key = statement.actions().isEmpty() ? "/NotAction/" : "/Action/";
        List<Action> list = List.copyOf(statement.actions().isEmpty() ? statement.notActions() : statement.actions());
        List<String> lower =
                list.stream().map(a -> a.toString().toLowerCase(Locale.ROOT)).toList();
        // Compiled once per wildcard entry: a statement can list hundreds of actions.
        List<Optional<Pattern>> globs = lower.stream()
                .map(a -> a.indexOf('*') >= 0 || a.indexOf('?') >= 0 ? Optional.of(glob(a)) : Optional.<Pattern>empty())
                .toList();
        for (int j = 0; j < list.size(); j++) {
            String mine = lower.get(j);
            for (int other = 0; other < list.size(); other++) {
                String theirs = lower.get(other);
                Optional<Pattern> wildcard = globs.get(other);
                boolean covered = other != j
                        && (theirs.equals(mine)
                                ? other < j
                                : wildcard.isPresent()
                                        && wildcard.get().matcher(mine).matches());
                if (covered) {
                    sink.add(
                            Severity.SUGGESTION,
                            "REDUNDANT_ACTION",
                            at + key + j,
                            InputRules.quote(list.get(j)) + " is already granted by "
                                    + InputRules.quote(list.get(other)) + " in the same statement");
                    break;
                }
            }
        }
    }

    private void grants(Statement statement, String at, Sink sink) {
        List<Action> list = List.copyOf(statement.actions());
        boolean invokes = false;
        for (int j = 0; j < list.size(); j++) {
            Action pattern = list.get(j);
            if (pattern.equals(Action.ALL)) {
                continue; // UNSAFE_ACTION_WILDCARD names it
            }
            String pointer = at + "/Action/" + j;
            Set<String> names = names(pattern);
            if (names.contains("iam:passrole") && statement.resources().stream().anyMatch(StatementLint::anyRole)) {
                sink.add(
                        Severity.SECURITY_WARNING,
                        "PASS_ROLE_WILDCARD",
                        pointer,
                        "iam:PassRole on every role lets the principal hand any role, an administrator's too, to a"
                                + " service; name the roles (and limit iam:PassedToService)");
            }
            List<String> escalating =
                    names.stream().filter(ESCALATION::contains).sorted().toList();
            if (!escalating.isEmpty()) {
                sink.add(
                        Severity.SECURITY_WARNING,
                        "PRIVILEGE_ESCALATION",
                        pointer,
                        InputRules.quote(pattern) + " grants " + String.join(", ", escalating)
                                + ", which lets the principal raise its own permissions (privilege escalation)");
            } else {
                List<String> exposing = catalog.matching(pattern).stream()
                        .filter(d -> d.accessLevel().startsWith("Permissions management"))
                        .map(d -> d.action().toString())
                        .toList();
                if (!exposing.isEmpty() && !names.contains("iam:passrole")) {
                    sink.add(
                            Severity.SECURITY_WARNING,
                            "RESOURCE_EXPOSURE",
                            pointer,
                            String.join(", ", exposing.subList(0, Math.min(5, exposing.size())))
                                    + (exposing.size() > 5 ? " and " + (exposing.size() - 5) + " more" : "")
                                    + " can change who may access the resource (permissions management)");
                }
            }
            invokes |= names.contains("lambda:invokefunction");
        }
        if (invokes) {
            unqualifiedFunctions(statement, at, sink);
        }
    }

    /** {@code lambda:InvokeFunction} on {@code function:f} alone: versions and aliases ({@code f:1}) are not granted. */
    private static void unqualifiedFunctions(Statement statement, String at, Sink sink) {
        List<Resource> list = List.copyOf(statement.resources());
        for (int k = 0; k < list.size(); k++) {
            String arn = list.get(k).pattern();
            String[] parts = arn.split(":", 6);
            if (parts.length < 6 || !parts[2].equals("lambda") || !parts[5].startsWith("function:")) {
                continue;
            }
            String function = parts[5].substring("function:".length());
            if (function.contains(":") || function.endsWith("*")) {
                continue;
            }
            Resource qualified = Resource.parse(arn + ":1");
            if (list.stream().noneMatch(r -> r.covers(qualified))) {
                sink.add(
                        Severity.WARNING,
                        "LAMBDA_UNQUALIFIED_ARN",
                        at + "/Resource/" + k,
                        InputRules.quote(arn) + " names the function's $LATEST only: invoking a version or alias ("
                                + function + ":1, " + function + ":PROD) is denied; add \"" + arn + ":*\" if the"
                                + " connector calls one");
            }
        }
    }

    private static boolean anyRole(Resource resource) {
        if (resource.equals(Resource.ALL)) {
            return true;
        }
        String[] parts = resource.pattern().split(":", 6);
        return parts.length < 6 || parts[5].equals("*") || parts[5].equals("role/*");
    }

    /** The lowercase names an action pattern grants: the catalog's, or the pattern itself outside the catalog. */
    private Set<String> names(Action pattern) {
        Set<String> names = new LinkedHashSet<>();
        catalog.matching(pattern).forEach(d -> names.add(d.action().toString().toLowerCase(Locale.ROOT)));
        if (names.isEmpty()) {
            names.add(pattern.toString().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private List<ActionDefinition> concreteActions(Statement statement) {
        List<ActionDefinition> actions = new ArrayList<>();
        for (Action action : statement.actions()) {
            if (!action.isWildcard()) {
                catalog.action(action).ifPresent(actions::add);
            }
        }
        return actions;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** JSON pointer escaping (RFC 6901) of a key such as {@code aws:PrincipalTag/team}. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
