package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Values keyed by condition keys or key prefixes, some of which are templates: {@code aws:PrincipalTag/${TagKey}},
 * {@code s3:ExistingObjectTag/<key>}, {@code agent.${Domain}.buildkite.dev}. A plain name is looked up
 * case-insensitively; a template matches any name with one or more characters in place of each placeholder.
 *
 * @param <V> the value, a key's type or the services that define keys of a prefix
 */
final class ConditionKeys<V> {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}|<[^>]+>");

    private final ImmutableMap<String, V> exact;
    private final ImmutableList<Templated<V>> templated;

    private ConditionKeys(ImmutableMap<String, V> exact, ImmutableList<Templated<V>> templated) {
        this.exact = exact;
        this.templated = templated;
    }

    /** {@return the table of {@code entries}; for names equal but for case, the first one's value is kept} */
    static <V> ConditionKeys<V> of(Map<String, V> entries) {
        var exact = new LinkedHashMap<String, V>();
        var templated = ImmutableList.<Templated<V>>builder();
        entries.forEach((name, value) -> {
            exact.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            templatePattern(name).ifPresent(pattern -> templated.add(new Templated<>(pattern, value)));
        });
        return new ConditionKeys<>(ImmutableMap.copyOf(exact), templated.build());
    }

    /** {@return the value of exactly this name (a template matches only its own spelling), or null} */
    @Nullable
    V exact(String name) {
        checkNotNull(name, "name");
        return exact.get(name.toLowerCase(Locale.ROOT));
    }

    /** {@return the value of the first template the name fills in, in entry order, or null} */
    @Nullable
    V templated(String name) {
        checkNotNull(name, "name");
        for (Templated<V> template : templated) {
            if (template.pattern().matcher(name).matches()) {
                return template.value();
            }
        }
        return null;
    }

    /** {@return the values of the name and of every template it fills in, in entry order} */
    ImmutableList<V> everyMatch(String name) {
        checkNotNull(name, "name");
        var values = ImmutableList.<V>builder();
        V plain = exact.get(name.toLowerCase(Locale.ROOT));
        if (plain != null) {
            values.add(plain);
        }
        for (Templated<V> template : templated) {
            if (template.pattern().matcher(name).matches()) {
                values.add(template.value());
            }
        }
        return values.build();
    }

    /** {@return the name's pattern, each placeholder standing for one or more characters; empty for a plain name} */
    private static Optional<Pattern> templatePattern(String name) {
        var matcher = PLACEHOLDER.matcher(name);
        var regex = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(name.substring(last, matcher.start()))).append(".+");
            last = matcher.end();
        }
        if (last == 0) {
            return Optional.empty();
        }
        regex.append(Pattern.quote(name.substring(last)));
        return Optional.of(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    private record Templated<V>(Pattern pattern, V value) {}
}
