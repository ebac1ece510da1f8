package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.leastpriv.core.json.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An IAM policy document: a version, an optional id and one or more statements.
 *
 * <pre>{@code
 * Policy policy = Policy.of(Statement.allow()
 *         .sid("AthenaGlobal")
 *         .addAction("athena:ListWorkGroups")
 *         .addResource(Resource.ALL)
 *         .build());
 * String json = policy.toJson();
 * }</pre>
 *
 * <p>{@code Version} is {@value #VERSION_2012} unless read otherwise; {@code 2008-10-17} is kept for reading old
 * policies, where policy variables are not substituted
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html">Version</a>).
 */
public record Policy(String version, @Nullable String id, ImmutableList<Statement> statements) {

    /** The current policy language version. */
    public static final String VERSION_2012 = "2012-10-17";
    /** The legacy policy language version, without policy variables. */
    public static final String VERSION_2008 = "2008-10-17";

    public Policy {
        checkNotNull(version, "version");
        statements = ImmutableList.copyOf(statements);
        checkArgument(
                version.equals(VERSION_2012) || version.equals(VERSION_2008),
                "Invalid policy version \"%s\": expected \"%s\" (or the legacy \"%s\")",
                version,
                VERSION_2012,
                VERSION_2008);
        checkArgument(id == null || !id.isEmpty(), "Policy Id must not be empty; omit it instead");
        checkArgument(!statements.isEmpty(), "A policy needs at least one statement");
    }

    /** {@return a {@value #VERSION_2012} policy of these statements} */
    public static Policy of(Statement first, Statement... rest) {
        return builder().statements(Lists.asList(first, rest)).build();
    }

    /** {@return a {@value #VERSION_2012} policy of these statements} */
    public static Policy of(Iterable<Statement> statements) {
        return builder().statements(statements).build();
    }

    /** {@return an empty builder with version {@value #VERSION_2012}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this policy's values} */
    public Builder toBuilder() {
        return builder().version(version).id(id).statements(statements);
    }

    /**
     * Reads a policy document, accepting the scalar and array forms of every element.
     *
     * @throws PolicyFormatException naming the JSON pointer of the first element that is not valid
     */
    public static Policy fromJson(String json) {
        return PolicyJson.read(json);
    }

    /** {@return the policy as pretty JSON in the layout of AWS's documentation, ending with a newline} */
    public String toJson() {
        return PolicyJson.writePretty(this);
    }

    /** {@return the policy as one line of JSON without whitespace, as it is best uploaded} */
    public String toCompactJson() {
        return PolicyJson.write(this);
    }

    /** Collects a policy's values; {@code statements(Iterable)} replaces, {@code addStatement} appends. */
    public static final class Builder {
        private String version = VERSION_2012;
        private @Nullable String id;
        private final List<Statement> statements = new ArrayList<>();

        private Builder() {}

        @CanIgnoreReturnValue
        public Builder version(String version) {
            this.version = checkNotNull(version, "version");
            return this;
        }

        @CanIgnoreReturnValue
        public Builder id(@Nullable String id) {
            this.id = id;
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addStatement(Statement statement) {
            statements.add(checkNotNull(statement, "statement"));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder statements(Iterable<Statement> values) {
            checkNotNull(values, "statements");
            statements.clear();
            values.forEach(this::addStatement);
            return this;
        }

        /**
         * {@return the policy}
         *
         * @throws IllegalArgumentException if the version is unknown or there is no statement
         */
        public Policy build() {
            return new Policy(version, id, ImmutableList.copyOf(statements));
        }
    }
}
