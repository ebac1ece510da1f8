package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.KmsKey;
import dev.leastpriv.core.LambdaFunction;
import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.S3Location;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege proof of the generator, checked with leastpriv's own evaluator: for random valid connections,
 * profiles and feature sets, the rendered policy (alone, as the identity policy) allows every requirement on every
 * one of its resources, and denies the same actions on resources just outside the connection (another workgroup,
 * catalog, catalog spelling, database, bucket, prefix, region, account, partition, key or function) and write or
 * admin actions on the connection's own resources.
 *
 * <p>Plain JUnit with a fixed-seed {@link Random}: case {@code n} is the {@code n}-th draw from {@link #SEED}, and
 * every failure names the seed, the case number, the connection inputs and the offending request.
 *
 * <p>The calling role is placed in the account that owns the requested resource ({@code arn:<partition>:iam::
 * <account>:role/connector}, the connection's account for S3 and {@code *}). Across accounts IAM also needs a
 * resource policy, so with the connection's account a key ARN in another account could never be allowed and an
 * "another account" probe would be denied whatever the policy says; in the owner's account the decision is the
 * policy's alone.
 */
class LeastPrivilegeProofTest {

    private static final long SEED = 0x1EA5_7B21_0F00L;
    private static final int CASES = 400;
    private static final int MIN_COVERAGE_CHECKS = 15_000;
    private static final int MIN_PROBES = 60_000;
    private static final int MIN_PROBES_PER_KIND = 200;
    /** Every name a probe invents contains this; no generated input does. */
    private static final String PROBE = "lpprobe";

    private static final String OTHER_ACCOUNT = "999999999999";
    private static final String NOT_CONCRETE =
            "requirement resource is neither \"*\" nor an ARN with a plain partition, service, region and account";

    private static final ImmutableList<String> REGIONS =
            ImmutableList.of("eu-west-1", "us-east-1", "cn-north-1", "us-gov-west-1");
    /** Regions per partition, for ARNs given in another region and for the "another region" probes. */
    private static final ImmutableMap<String, ImmutableList<String>> PARTITION_REGIONS = ImmutableMap.of(
            "aws", ImmutableList.of("eu-west-1", "us-east-1", "us-west-2", "ap-southeast-2"),
            "aws-cn", ImmutableList.of("cn-north-1", "cn-northwest-1"),
            "aws-us-gov", ImmutableList.of("us-gov-west-1", "us-gov-east-1"));

    private static final ImmutableMap<String, String> OTHER_PARTITION =
            ImmutableMap.of("aws", "aws-cn", "aws-cn", "aws-us-gov", "aws-us-gov", "aws");

    private static final ImmutableSet<String> RESULTS_BUCKET_ACTIONS =
            ImmutableSet.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads");
    private static final ImmutableSet<String> RESULTS_OBJECT_ACTIONS =
            ImmutableSet.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");
    private static final ImmutableSet<String> DATA_BUCKET_ACTIONS =
            ImmutableSet.of("s3:GetBucketLocation", "s3:ListBucket");
    private static final ImmutableSet<String> DATA_OBJECT_ACTIONS = ImmutableSet.of("s3:GetObject");
    private static final ImmutableSet<String> WRITE_BUCKET_ACTIONS = RESULTS_BUCKET_ACTIONS;
    private static final ImmutableSet<String> HISTORY_ACTIONS =
            ImmutableSet.of("athena:ListQueryExecutions", "athena:BatchGetQueryExecution", "athena:GetQueryExecution");
    private static final ImmutableSet<String> WRITE_OBJECT_ACTIONS = ImmutableSet.of(
            "s3:GetObject",
            "s3:PutObject",
            "s3:DeleteObject",
            "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts");
    /** Glue writes dbt's models need in the named databases, and DataHub's views in the scratch database. */
    private static final ImmutableSet<String> GLUE_TABLE_WRITES =
            ImmutableSet.of("glue:DeleteTable", "glue:CreateTable", "glue:UpdateTable");

    // Probe kinds; each must be exercised, or the proof would pass without looking.
    private static final String OTHER_WORKGROUP = "another workgroup";
    private static final String OTHER_CATALOG = "another catalog";
    private static final String CATALOG_SPELLING = "another spelling of a catalog";
    private static final String OTHER_DATABASE = "another database";
    private static final String OTHER_BUCKET = "another bucket";
    private static final String SIBLING_PREFIX = "a prefix outside the location";
    private static final String OTHER_REGION = "another region";
    private static final String OTHER_ACCOUNT_KIND = "another account";
    private static final String OTHER_PARTITION_KIND = "another partition";
    private static final String OTHER_KEY = "a KMS key not given";
    private static final String OTHER_FUNCTION = "a Lambda function not given";
    private static final String WRITE_OR_ADMIN = "a write or admin action on the connection's own resources";
    private static final String UNNEEDED_DATA_READ = "a data read no requested feature needs";
    private static final ImmutableSet<String> PROBE_KINDS = ImmutableSet.of(
            OTHER_WORKGROUP,
            OTHER_CATALOG,
            CATALOG_SPELLING,
            OTHER_DATABASE,
            OTHER_BUCKET,
            SIBLING_PREFIX,
            OTHER_REGION,
            OTHER_ACCOUNT_KIND,
            OTHER_PARTITION_KIND,
            OTHER_KEY,
            OTHER_FUNCTION,
            WRITE_OR_ADMIN,
            UNNEEDED_DATA_READ);

    /** The inputs of one random case, as given to {@link Connection.Builder}; {@code workgroup} "" means none. */
    private record Spec(
            int number,
            Profile profile,
            ImmutableSet<Feature> features,
            String region,
            String account,
            String workgroup,
            ImmutableList<String> catalogs,
            ImmutableList<String> databases,
            String results,
            ImmutableList<String> data,
            boolean lakeFormation,
            ImmutableList<String> lambdas,
            ImmutableList<String> kmsKeys,
            boolean bothCatalogCases,
            String otherKeyId,
            ImmutableList<String> historyWorkgroups,
            String sessionDatabase,
            ImmutableList<String> spill,
            ImmutableList<String> writeLocations) {

        Connection connection() {
            return build(UnaryOperator.identity());
        }

        /** The same connection with every list given in another order. */
        Connection shuffledConnection() {
            Random random = new Random(SEED ^ number);
            return build(list -> {
                List<String> copy = new ArrayList<>(list);
                Collections.shuffle(copy, random);
                return copy;
            });
        }

        private Connection build(UnaryOperator<List<String>> order) {
            Connection.Builder builder = Connection.builder()
                    .region(region)
                    .account(account)
                    .results(results)
                    .lakeFormation(lakeFormation)
                    .bothCatalogCases(bothCatalogCases);
            if (!workgroup.isEmpty()) {
                builder.workgroup(workgroup);
            }
            if (!sessionDatabase.isEmpty()) {
                builder.sessionDatabase(sessionDatabase);
            }
            order.apply(historyWorkgroups).forEach(builder::addHistoryWorkgroup);
            order.apply(spill).forEach(builder::addSpill);
            order.apply(writeLocations).forEach(builder::addWriteLocation);
            order.apply(catalogs).forEach(builder::addCatalog);
            order.apply(databases).forEach(builder::addDatabase);
            order.apply(data).forEach(builder::addData);
            order.apply(lambdas).forEach(builder::addLambda);
            order.apply(kmsKeys).forEach(builder::addKmsKey);
            return builder.build();
        }

        String partition() {
            return Partition.forRegion(region).orElseThrow().id();
        }
    }

    /** One request that must be denied. */
    private record Probe(String kind, String action, String resource) {}

    /** A case rendered and compiled once. */
    private record Case(Spec spec, Connection connection, RenderedPolicy rendered, Evaluator evaluator) {

        static Case of(Spec spec) {
            Connection connection = spec.connection();
            RenderedPolicy rendered =
                    PolicyRenderer.render(PolicyRequest.of(connection, spec.profile(), spec.features()));
            return new Case(spec, connection, rendered, Evaluator.compile(Policies.identity(rendered.policy())));
        }

        Evaluation evaluate(String action, String resource) {
            return evaluator.evaluate(Request.builder()
                    .action(action)
                    .resource(resource)
                    .principal(principalFor(resource))
                    .build());
        }

        private String principalFor(String resource) {
            String owner = spec.account();
            if (!resource.equals("*")) {
                Arn arn = Arn.parse(resource);
                if (arn.hasAccount()) {
                    owner = arn.account();
                }
            }
            return "arn:" + spec.partition() + ":iam::" + owner + ":role/connector";
        }

        String failure(String what, String action, String resource, Evaluation evaluation) {
            return failure(
                    what,
                    action,
                    resource,
                    evaluation.decision() + " (" + evaluation.reason() + "; " + evaluation.matched() + ")");
        }

        String failure(String what, String action, String resource, String outcome) {
            return String.format(
                    Locale.ROOT,
                    "seed 0x%X, case %d: %s%n  action:   %s%n  resource: %s%n  decision: %s%n  inputs:   %s",
                    SEED,
                    spec.number(),
                    what,
                    action,
                    resource,
                    outcome,
                    spec);
        }
    }

    @Test
    void render_randomConnections_allowsEveryRequirementOnEveryResource() {
        List<String> failures = new ArrayList<>();
        int checks = 0;

        List<Spec> specs = specs();
        for (Spec spec : specs) {
            Case c = Case.of(spec);
            for (Requirement requirement : c.rendered().requirements().requirements()) {
                for (Resource resource : requirement.resources()) {
                    checks++;
                    String action = requirement.action().toString();
                    if (!resource.equals(Resource.ALL) && concreteArn(resource).isEmpty()) {
                        failures.add(c.failure(NOT_CONCRETE, action, resource.pattern(), "not evaluated"));
                        continue;
                    }
                    Evaluation evaluation = c.evaluate(action, resource.pattern());
                    if (evaluation.decision() != Decision.ALLOWED) {
                        failures.add(c.failure(
                                "requirement of " + requirement.feature() + " (Sid " + requirement.sid()
                                        + ") is not allowed",
                                action,
                                resource.pattern(),
                                evaluation));
                    }
                }
            }
        }

        assertThat(failures).withFailMessage(() -> report(failures)).isEmpty();
        assertThat(specs).hasSizeGreaterThanOrEqualTo(300);
        assertThat(checks).as("coverage checks").isGreaterThan(MIN_COVERAGE_CHECKS);
    }

    @Test
    void render_randomConnections_deniesEveryProbeOutsideTheConnection() {
        List<String> failures = new ArrayList<>();
        TreeMap<String, Integer> probesByKind = new TreeMap<>();
        int probes = 0;

        List<Spec> specs = specs();
        for (Spec spec : specs) {
            Case c = Case.of(spec);
            Set<Probe> all = new LinkedHashSet<>(outsideProbes(c, failures));
            all.addAll(prefixProbes(c));
            all.addAll(writeAndAdminProbes(c));
            all.addAll(unneededDataReadProbes(c));
            for (Probe probe : all) {
                if (insideConnection(c, probe.action(), probe.resource())) {
                    continue; // e.g. data under the results prefix: a grant the user asked for
                }
                probes++;
                probesByKind.merge(probe.kind(), 1, Integer::sum);
                Evaluation evaluation = c.evaluate(probe.action(), probe.resource());
                if (evaluation.decision() != Decision.IMPLICIT_DENY) {
                    failures.add(c.failure(
                            "probe (" + probe.kind() + ") is not denied",
                            probe.action(),
                            probe.resource(),
                            evaluation));
                }
            }
        }

        assertThat(failures).withFailMessage(() -> report(failures)).isEmpty();
        assertThat(specs).hasSizeGreaterThanOrEqualTo(300);
        assertThat(probes).as("probes").isGreaterThan(MIN_PROBES);
        assertThat(probesByKind.keySet()).as("probe kinds exercised").containsExactlyInAnyOrderElementsOf(PROBE_KINDS);
        assertThat(probesByKind.values())
                .as("probes per kind %s", probesByKind)
                .allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(MIN_PROBES_PER_KIND));
    }

    @Test
    void render_sameConnectionTwice_givesIdenticalJson() {
        List<String> failures = new ArrayList<>();

        List<Spec> specs = specs();
        for (Spec spec : specs) {
            String first = render(spec, spec.connection());
            String again = render(spec, spec.connection());
            String shuffled = render(spec, spec.shuffledConnection());
            if (!first.equals(again) || !first.equals(shuffled)) {
                failures.add(String.format(
                        Locale.ROOT,
                        "seed 0x%X, case %d: rendering differs (twice: %s, inputs reordered: %s)%n  inputs: %s",
                        SEED,
                        spec.number(),
                        first.equals(again) ? "same" : "different",
                        first.equals(shuffled) ? "same" : "different",
                        spec));
            }
        }

        assertThat(failures).withFailMessage(() -> report(failures)).isEmpty();
        assertThat(specs).hasSizeGreaterThanOrEqualTo(300);
    }

    private static String render(Spec spec, Connection connection) {
        return PolicyRenderer.render(PolicyRequest.of(connection, spec.profile(), spec.features()))
                .policy()
                .toJson();
    }

    private static String report(List<String> failures) {
        return failures.size() + " failure(s); the first " + Math.min(20, failures.size()) + ":\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size())));
    }

    // ---- Probes ----

    /** The requirements' own actions on resources next to theirs: each mutation leaves the connection. */
    private static List<Probe> outsideProbes(Case c, List<String> failures) {
        List<Probe> probes = new ArrayList<>();
        for (Requirement requirement : c.rendered().requirements().requirements()) {
            String action = requirement.action().toString();
            for (Resource resource : requirement.resources()) {
                if (resource.equals(Resource.ALL)) {
                    continue; // an action without resource types; nothing is outside "*"
                }
                Optional<Arn> arn = concreteArn(resource);
                if (arn.isEmpty()) {
                    failures.add(c.failure(NOT_CONCRETE, action, resource.pattern(), "no probe derived"));
                    continue;
                }
                for (Mutant mutant : mutants(c, arn.get())) {
                    probes.add(new Probe(mutant.kind(), action, mutant.resource()));
                }
            }
        }
        return probes;
    }

    private record Mutant(String kind, String resource) {}

    private static List<Mutant> mutants(Case c, Arn arn) {
        List<Mutant> mutants = new ArrayList<>();
        String resource = arn.resource();
        switch (arn.service()) {
            case "athena" -> {
                if (resource.equals("workgroup/*")) {
                    // history of every workgroup, asked for with history-workgroup "*": no workgroup is outside
                } else if (resource.startsWith("workgroup/")) {
                    String workgroup = resource.substring("workgroup/".length());
                    mutants.add(new Mutant(OTHER_WORKGROUP, with(arn, "workgroup/" + PROBE + "-wg")));
                    mutants.add(new Mutant(OTHER_WORKGROUP, with(arn, "workgroup/" + workgroup + "-" + PROBE)));
                } else if (resource.startsWith("datacatalog/")) {
                    String catalog = resource.substring("datacatalog/".length());
                    mutants.add(new Mutant(OTHER_CATALOG, with(arn, "datacatalog/" + PROBE + "_catalog")));
                    mutants.add(new Mutant(OTHER_CATALOG, with(arn, "datacatalog/" + catalog + PROBE)));
                    for (String spelling : otherSpellings(c, catalog)) {
                        mutants.add(new Mutant(CATALOG_SPELLING, with(arn, "datacatalog/" + spelling)));
                    }
                }
            }
            case "glue" -> {
                if (!c.connection().allDatabases()) {
                    if (resource.startsWith("database/")) {
                        String database = resource.substring("database/".length());
                        mutants.add(new Mutant(OTHER_DATABASE, with(arn, "database/" + PROBE + "_db")));
                        mutants.add(new Mutant(OTHER_DATABASE, with(arn, "database/" + database + "_" + PROBE)));
                    } else if (resource.startsWith("table/")) {
                        String database = resource.substring("table/".length(), resource.lastIndexOf('/'));
                        mutants.add(new Mutant(OTHER_DATABASE, with(arn, "table/" + PROBE + "_db/t")));
                        mutants.add(new Mutant(OTHER_DATABASE, with(arn, "table/" + PROBE + "_db/*")));
                        mutants.add(new Mutant(OTHER_DATABASE, with(arn, "table/" + database + "_" + PROBE + "/t")));
                    }
                }
            }
            case "s3" -> s3Mutants(arn, mutants);
            case "kms" ->
                mutants.add(new Mutant(OTHER_KEY, with(arn, "key/" + c.spec().otherKeyId())));
            case "lambda" -> {
                String[] parts = resource.split(":", -1);
                String name = parts[1];
                mutants.add(new Mutant(OTHER_FUNCTION, with(arn, "function:" + PROBE + "-fn")));
                mutants.add(new Mutant(OTHER_FUNCTION, with(arn, "function:" + PROBE + "-fn:1")));
                mutants.add(new Mutant(OTHER_FUNCTION, with(arn, "function:" + name + "-" + PROBE)));
                mutants.add(new Mutant(OTHER_FUNCTION, with(arn, "function:" + name + "-" + PROBE + ":1")));
                if (parts.length == 3 && !parts[2].equals("*")) {
                    // Only this version or alias was given: neither the function nor another alias is.
                    mutants.add(new Mutant(OTHER_FUNCTION, with(arn, "function:" + name)));
                    mutants.add(new Mutant(OTHER_FUNCTION, with(arn, "function:" + name + ":" + PROBE)));
                }
            }
            default -> throw new AssertionError("unexpected service in " + arn);
        }
        if (arn.hasRegion()) {
            mutants.add(new Mutant(
                    OTHER_REGION,
                    new Arn(arn.partition(), arn.service(), otherRegion(arn), arn.account(), resource).toString()));
        }
        if (arn.hasAccount()) {
            mutants.add(new Mutant(
                    OTHER_ACCOUNT_KIND,
                    new Arn(arn.partition(), arn.service(), arn.region(), OTHER_ACCOUNT, resource).toString()));
        }
        Partition otherPartition =
                Partition.of(OTHER_PARTITION.get(arn.partition().id()));
        mutants.add(new Mutant(
                OTHER_PARTITION_KIND,
                new Arn(otherPartition, arn.service(), arn.region(), arn.account(), resource).toString()));
        return mutants;
    }

    private static void s3Mutants(Arn arn, List<Mutant> mutants) {
        String resource = arn.resource();
        int slash = resource.indexOf('/');
        if (slash < 0) {
            mutants.add(new Mutant(OTHER_BUCKET, with(arn, PROBE + "-other-bucket")));
            mutants.add(new Mutant(OTHER_BUCKET, with(arn, resource + "-" + PROBE)));
        } else {
            String bucket = resource.substring(0, slash);
            String key = resource.substring(slash + 1);
            mutants.add(new Mutant(OTHER_BUCKET, with(arn, PROBE + "-other-bucket/" + key)));
            mutants.add(new Mutant(OTHER_BUCKET, with(arn, bucket + "-" + PROBE + "/" + key)));
        }
    }

    /**
     * Every S3 object action of the policy on objects next to each location the user gave (results and data):
     * derived from the inputs, not from the policy's resources, so a policy that drops a prefix is caught. For
     * {@code s3://b/om/}: {@code b/lpprobe-sibling/x.csv}, {@code b/omlpprobe/x.csv} and {@code b/lpprobe-root.csv}.
     */
    private static List<Probe> prefixProbes(Case c) {
        Set<String> objectActions = new LinkedHashSet<>();
        for (Requirement requirement : c.rendered().requirements().requirements()) {
            for (Resource resource : requirement.resources()) {
                if (resource.pattern().startsWith("arn:" + c.spec().partition() + ":s3:::")
                        && resource.pattern().contains("/")) {
                    objectActions.add(requirement.action().toString());
                }
            }
        }
        List<S3Location> locations = new ArrayList<>();
        locations.add(checkedResults(c.connection()));
        locations.addAll(c.connection().data());
        locations.addAll(c.connection().spill());
        locations.addAll(writeLocations(c));
        String s3 = "arn:" + c.spec().partition() + ":s3:::";
        List<Probe> probes = new ArrayList<>();
        for (S3Location location : locations) {
            String prefix = location.prefix();
            if (prefix.isEmpty()) {
                continue;
            }
            String folder = prefix.substring(0, prefix.length() - 1);
            String parent = folder.contains("/") ? folder.substring(0, folder.lastIndexOf('/') + 1) : "";
            for (String action : objectActions) {
                for (String key :
                        List.of(parent + PROBE + "-sibling/x.csv", folder + PROBE + "/x.csv", PROBE + "-root.csv")) {
                    probes.add(new Probe(SIBLING_PREFIX, action, s3 + location.bucket() + "/" + key));
                }
            }
        }
        return probes;
    }

    private static S3Location checkedResults(Connection connection) {
        S3Location results = connection.results();
        if (results == null) {
            throw new AssertionError("a connection without results cannot be rendered: " + connection);
        }
        return results;
    }

    /**
     * Spellings of {@code granted}'s catalog that nothing grants: the given spelling or {@code AwsDataCatalog}
     * when the profile lowercases, the lowercase one when it does not, and the uppercase one always; with
     * both-catalog-cases only the given and lowercase spellings (and {@code AwsDataCatalog}) are granted.
     */
    private static Set<String> otherSpellings(Case c, String granted) {
        String given = givenCatalogs(c.connection()).stream()
                .filter(name -> name.equalsIgnoreCase(granted))
                .findFirst()
                .orElseThrow(() -> new AssertionError("catalog " + granted + " was not given"));
        Set<String> spellings = new LinkedHashSet<>();
        if (given.equalsIgnoreCase(Connection.DEFAULT_CATALOG)) {
            spellings.add("AwsDataCatalog");
            spellings.add(Connection.DEFAULT_CATALOG);
        }
        spellings.add(given);
        spellings.add(given.toLowerCase(Locale.ROOT));
        spellings.add(given.toUpperCase(Locale.ROOT));
        spellings.removeAll(grantedSpellings(c));
        return spellings;
    }

    /**
     * The spellings the tool sends: a configured name verbatim (lowercased for Omni), the profile's default
     * spellings when none is configured, and both cases with both-catalog-cases.
     */
    private static Set<String> grantedSpellings(Case c) {
        Set<String> granted = new LinkedHashSet<>();
        Profile profile = c.spec().profile();
        if (c.connection().catalogs().isEmpty()) {
            granted.addAll(profile.defaultCatalogSpellings());
            if (c.connection().bothCatalogCases()) {
                granted.add("AwsDataCatalog");
                granted.add(Connection.DEFAULT_CATALOG);
            }
            return granted;
        }
        for (String given : c.connection().catalogs()) {
            String lower = given.toLowerCase(Locale.ROOT);
            granted.add(profile.lowercasesCatalogs() ? lower : given);
            if (c.connection().bothCatalogCases()) {
                granted.add(lower.equals(Connection.DEFAULT_CATALOG) ? "AwsDataCatalog" : given);
                granted.add(lower);
            }
        }
        return granted;
    }

    private static List<String> givenCatalogs(Connection connection) {
        return connection.catalogs().isEmpty()
                ? List.of(Connection.DEFAULT_CATALOG)
                : List.copyOf(connection.catalogs());
    }

    /** Write and admin actions on what the connection names, and the few actions nothing may grant. */
    private static List<Probe> writeAndAdminProbes(Case c) {
        Connection connection = c.connection();
        String partition = c.spec().partition();
        String regional = ":" + c.spec().region() + ":" + c.spec().account() + ":";
        String athena = "arn:" + partition + ":athena" + regional;
        String glue = "arn:" + partition + ":glue" + regional;
        String s3 = "arn:" + partition + ":s3:::";
        List<Probe> probes = new ArrayList<>();

        String workgroup = connection.workgroup() == null ? Connection.DEFAULT_WORKGROUP : connection.workgroup();
        for (String action : List.of("athena:DeleteWorkGroup", "athena:UpdateWorkGroup")) {
            probes.add(new Probe(WRITE_OR_ADMIN, action, athena + "workgroup/" + workgroup));
        }
        for (String spelling : List.of("AwsDataCatalog", Connection.DEFAULT_CATALOG)) {
            // The default catalog has no definition to read: GetDataCatalog on it always fails.
            probes.add(new Probe(WRITE_OR_ADMIN, "athena:GetDataCatalog", athena + "datacatalog/" + spelling));
        }

        List<String> databases = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        if (connection.allDatabases()) {
            databases.add(glue + "database/*");
            databases.add(glue + "database/" + PROBE + "_any");
            tables.add(glue + "table/*/*");
            tables.add(glue + "table/" + PROBE + "_any/t");
        }
        for (String database : connection.databases()) {
            if (!database.equals(Connection.ALL_DATABASES)) {
                String folded = database.toLowerCase(Locale.ROOT);
                databases.add(glue + "database/" + folded);
                tables.add(glue + "table/" + folded + "/*");
                tables.add(glue + "table/" + folded + "/t");
            }
        }
        List<String> glueResources = new ArrayList<>();
        glueResources.add(glue + "catalog");
        glueResources.addAll(databases);
        glueResources.addAll(tables);
        boolean models = features(c).contains(Feature.MODELS);
        String scratch = features(c).contains(Feature.PARTITION_PROFILING)
                ? c.spec().sessionDatabase().toLowerCase(Locale.ROOT)
                : null;
        for (String resource : glueResources) {
            // dbt writes tables in every named database; DataHub writes views only in its scratch database.
            boolean written = models
                    || (scratch != null
                            && (resource.equals(glue + "catalog")
                                    || resource.equals(glue + "database/" + scratch)
                                    || resource.startsWith(glue + "table/" + scratch + "/")));
            if (written) {
                continue;
            }
            for (String action : GLUE_TABLE_WRITES) {
                probes.add(new Probe(WRITE_OR_ADMIN, action, resource));
            }
        }
        if (scratch != null) {
            // The scratch database is the only one DataHub's views may be written to.
            for (String database : connection.databases()) {
                String folded = database.toLowerCase(Locale.ROOT);
                if (!folded.equals(scratch) && !database.equals(Connection.ALL_DATABASES)) {
                    for (String action : GLUE_TABLE_WRITES) {
                        probes.add(new Probe(WRITE_OR_ADMIN, action, glue + "table/" + folded + "/t"));
                    }
                }
            }
        }
        for (String resource : glueResources.subList(0, 1 + databases.size())) {
            probes.add(new Probe(WRITE_OR_ADMIN, "glue:DeleteDatabase", resource));
        }

        S3Location results = checkedResults(connection);
        List<String> buckets = new ArrayList<>();
        buckets.add(s3 + results.bucket());
        List<String> resultObjects = List.of(
                s3 + results.bucket() + "/" + results.prefix() + "*",
                s3 + results.bucket() + "/" + results.prefix() + PROBE + "-result.csv");
        List<String> dataObjects = new ArrayList<>();
        for (S3Location location : connection.data()) {
            buckets.add(s3 + location.bucket());
            dataObjects.add(s3 + location.bucket() + "/" + location.prefix() + "*");
            dataObjects.add(s3 + location.bucket() + "/" + location.prefix() + PROBE + "-data.parquet");
        }
        for (String bucket : buckets) {
            probes.add(new Probe(WRITE_OR_ADMIN, "s3:DeleteBucket", bucket));
            probes.add(new Probe(WRITE_OR_ADMIN, "s3:PutBucketPolicy", bucket));
        }
        for (String object : resultObjects) {
            probes.add(new Probe(WRITE_OR_ADMIN, "s3:DeleteObject", object));
        }
        for (String object : dataObjects) {
            probes.add(new Probe(WRITE_OR_ADMIN, "s3:DeleteObject", object));
            probes.add(new Probe(WRITE_OR_ADMIN, "s3:PutObject", object)); // data is read-only
        }
        for (S3Location location : connection.spill()) {
            String object = s3 + location.bucket() + "/" + location.prefix() + PROBE + "-spill.bin";
            probes.add(new Probe(WRITE_OR_ADMIN, "s3:PutObject", object)); // spill is read-only for the caller
            probes.add(new Probe(WRITE_OR_ADMIN, "s3:DeleteObject", object));
        }

        for (KmsKey key : connection.kmsKeys()) {
            String arn = key.keyArn()
                    .map(Arn::toString)
                    .orElse("arn:" + partition + ":kms" + regional + "key/" + key.keyId());
            probes.add(new Probe(WRITE_OR_ADMIN, "kms:Encrypt", arn));
            probes.add(new Probe(WRITE_OR_ADMIN, "kms:ScheduleKeyDeletion", arn));
        }
        for (LambdaFunction function : connection.lambdas()) {
            String base = function.unqualifiedArn()
                    .map(Arn::toString)
                    .orElse("arn:" + partition + ":lambda" + regional + "function:" + function.name());
            probes.add(new Probe(WRITE_OR_ADMIN, "lambda:UpdateFunctionCode", base));
            probes.add(new Probe(
                    WRITE_OR_ADMIN,
                    "lambda:UpdateFunctionCode",
                    base + ":" + (function.isQualified() ? function.qualifier() : "1")));
        }

        String role = "arn:" + partition + ":iam::" + c.spec().account() + ":role/connector";
        probes.add(new Probe(WRITE_OR_ADMIN, "iam:PassRole", role));
        probes.add(new Probe(WRITE_OR_ADMIN, "iam:PassRole", "*"));
        probes.add(new Probe(WRITE_OR_ADMIN, "lakeformation:GrantPermissions", "*"));
        return probes;
    }

    /** Without a feature that reads table data ({@link Feature#readsData()}), the data locations stay closed. */
    private static List<Probe> unneededDataReadProbes(Case c) {
        List<Probe> probes = new ArrayList<>();
        if (c.rendered().requirements().request().readsData()) {
            return probes;
        }
        String s3 = "arn:" + c.spec().partition() + ":s3:::";
        for (S3Location location : c.connection().data()) {
            for (String action : List.of("s3:GetBucketLocation", "s3:ListBucket")) {
                probes.add(new Probe(UNNEEDED_DATA_READ, action, s3 + location.bucket()));
            }
            probes.add(new Probe(
                    UNNEEDED_DATA_READ, "s3:GetObject", s3 + location.bucket() + "/" + location.prefix() + "*"));
            probes.add(new Probe(
                    UNNEEDED_DATA_READ,
                    "s3:GetObject",
                    s3 + location.bucket() + "/" + location.prefix() + PROBE + "-data.parquet"));
        }
        probes.add(new Probe(UNNEEDED_DATA_READ, "lakeformation:GetDataAccess", "*"));
        return probes;
    }

    /**
     * Whether the connection's inputs themselves cover the request: an S3 bucket or object action on the results
     * location, or a read of a data location when a requested feature reads data. Only S3 locations can overlap
     * (data under the results prefix, data in the results bucket); every other probe invents a name no input has.
     */
    private static boolean insideConnection(Case c, String action, String resource) {
        if (resource.equals("*")) {
            return false;
        }
        Arn arn = Arn.parse(resource);
        if (arn.service().equals("athena")
                && arn.resource().startsWith("workgroup/")
                && HISTORY_ACTIONS.contains(action)
                && readsHistory(c)
                && c.connection().historyWorkgroups().contains(Connection.ALL_WORKGROUPS)) {
            return true; // the history of every workgroup, asked for with history-workgroup "*"
        }
        if (!arn.service().equals("s3") || !arn.partition().id().equals(c.spec().partition())) {
            return false;
        }
        S3Location results = checkedResults(c.connection());
        String path = arn.resource();
        int slash = path.indexOf('/');
        boolean federated = features(c).contains(Feature.FEDERATED_QUERY);
        List<S3Location> spill = federated ? List.copyOf(c.connection().spill()) : List.of();
        List<S3Location> writes = writeLocations(c);
        if (slash < 0) {
            boolean data = c.connection().data().stream()
                    .anyMatch(location -> location.bucket().equals(path));
            boolean spillBucket =
                    spill.stream().anyMatch(location -> location.bucket().equals(path));
            boolean writeBucket =
                    writes.stream().anyMatch(location -> location.bucket().equals(path));
            return (path.equals(results.bucket()) && RESULTS_BUCKET_ACTIONS.contains(action))
                    || (data && DATA_BUCKET_ACTIONS.contains(action))
                    || (spillBucket && DATA_BUCKET_ACTIONS.contains(action))
                    || (writeBucket && WRITE_BUCKET_ACTIONS.contains(action));
        }
        String bucket = path.substring(0, slash);
        String key = path.substring(slash + 1);
        boolean readsData = c.rendered().requirements().request().readsData();
        boolean underData = readsData
                && c.connection().data().stream()
                        .anyMatch(location -> location.bucket().equals(bucket) && key.startsWith(location.prefix()));
        boolean underSpill = spill.stream()
                .anyMatch(location -> location.bucket().equals(bucket) && key.startsWith(location.prefix()));
        boolean underWrite = writes.stream()
                .anyMatch(location -> location.bucket().equals(bucket) && key.startsWith(location.prefix()));
        return (bucket.equals(results.bucket())
                        && key.startsWith(results.prefix())
                        && RESULTS_OBJECT_ACTIONS.contains(action))
                || (underData && DATA_OBJECT_ACTIONS.contains(action))
                || (underSpill && DATA_OBJECT_ACTIONS.contains(action))
                || (underWrite && WRITE_OBJECT_ACTIONS.contains(action));
    }

    /** The features rendered: the ones asked for, plus federated-query when Lambda functions are given. */
    private static Set<Feature> features(Case c) {
        return c.rendered().requirements().request().features();
    }

    private static boolean readsHistory(Case c) {
        return features(c).contains(Feature.USAGE)
                || (features(c).contains(Feature.LINEAGE) && c.spec().profile() != Profile.DATAHUB);
    }

    /** Where dbt's models write: the write locations, or dbt-athena's default, results + "tables/". */
    private static List<S3Location> writeLocations(Case c) {
        if (!features(c).contains(Feature.MODELS)) {
            return List.of();
        }
        if (!c.connection().writeLocations().isEmpty()) {
            return List.copyOf(c.connection().writeLocations());
        }
        S3Location results = checkedResults(c.connection());
        return List.of(new S3Location(results.bucket(), results.prefix() + "tables/"));
    }

    /**
     * {@return the resource as an ARN, or empty if its partition, service, region or account is not a plain value}
     * (a wildcard there would reach every region, account or partition)
     */
    private static Optional<Arn> concreteArn(Resource resource) {
        try {
            return Optional.of(Arn.parse(resource.pattern()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String with(Arn arn, String resource) {
        return new Arn(arn.partition(), arn.service(), arn.region(), arn.account(), resource).toString();
    }

    private static String otherRegion(Arn arn) {
        return PARTITION_REGIONS.get(arn.partition().id()).stream()
                .filter(region -> !region.equals(arn.region()))
                .findFirst()
                .orElseThrow();
    }

    // ---- Random cases ----

    private static List<Spec> specs() {
        Random random = new Random(SEED);
        List<Spec> specs = new ArrayList<>();
        for (int number = 0; number < CASES; number++) {
            specs.add(spec(random, number));
        }
        return specs;
    }

    private static Spec spec(Random random, int number) {
        Profile profile = pick(random, List.of(Profile.values()));
        List<Feature> available = List.copyOf(profile.features());
        EnumSet<Feature> features = EnumSet.noneOf(Feature.class);
        for (Feature feature : available) {
            if (random.nextInt(3) == 0) {
                features.add(feature);
            }
        }
        if (features.isEmpty()) {
            features.add(pick(random, available));
        }

        String region = pick(random, REGIONS);
        String partition = Partition.forRegion(region).orElseThrow().id();
        String account = account(random);
        String workgroup = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> Connection.DEFAULT_WORKGROUP;
            case 2 -> word(random, 3, 10);
            default ->
                capitalize(word(random, 2, 6))
                        + pick(random, List.of(".", "_", "-"))
                        + word(random, 2, 8)
                        + random.nextInt(100);
        };

        List<String> catalogs = new ArrayList<>();
        int catalogChoice = random.nextInt(6);
        if (catalogChoice == 2 || catalogChoice == 5) {
            catalogs.add(pick(random, List.of(Connection.DEFAULT_CATALOG, "AwsDataCatalog")));
        }
        if (catalogChoice >= 3) {
            int custom = 1 + random.nextInt(2);
            while (custom > 0) {
                String name = catalogName(random);
                if (catalogs.stream().noneMatch(given -> given.equalsIgnoreCase(name))) {
                    catalogs.add(name);
                    custom--;
                }
            }
        }

        List<String> databases = new ArrayList<>();
        if (random.nextInt(6) == 0) {
            databases.add(Connection.ALL_DATABASES);
        } else {
            int count = 1 + random.nextInt(4);
            while (databases.size() < count) {
                String name = word(random, 1, 3) + pick(random, List.of("", "_", "-", "_2024_")) + word(random, 0, 8);
                if (!databases.contains(name)) {
                    databases.add(name);
                }
            }
        }

        String resultsBucket = bucket(random);
        String resultsPrefix = random.nextBoolean() ? "" : prefix(random);
        String results = "s3://" + resultsBucket
                + switch (random.nextInt(3)) {
                    case 0 -> resultsPrefix.isEmpty() ? "" : "/" + resultsPrefix;
                    case 1 -> "/" + resultsPrefix;
                    // a prefix without its final slash is read as a folder
                    default ->
                        "/" + (resultsPrefix.isEmpty() ? "" : resultsPrefix.substring(0, resultsPrefix.length() - 1));
                };

        List<String> data = new ArrayList<>();
        int dataCount = random.nextInt(3);
        for (int i = 0; i < dataCount; i++) {
            String bucket = random.nextInt(4) == 0 ? resultsBucket : bucket(random);
            String prefix = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> bucket.equals(resultsBucket) ? resultsPrefix + "lake/" : prefix(random);
                default -> prefix(random);
            };
            data.add("s3://" + bucket + "/" + prefix);
        }

        int lambdaCount = random.nextInt(3);
        if (features.contains(Feature.FEDERATED_QUERY) && lambdaCount == 0) {
            lambdaCount = 1;
        }
        List<String> lambdas = new ArrayList<>();
        while (lambdas.size() < lambdaCount) {
            String name = "athena-" + word(random, 2, 8) + lambdas.size();
            if (random.nextBoolean()) {
                lambdas.add(name);
            } else {
                String arn = "arn:" + partition + ":lambda:" + someRegion(random, partition, region) + ":"
                        + (random.nextInt(4) == 0 ? account(random) : account) + ":function:" + name;
                lambdas.add(
                        switch (random.nextInt(4)) {
                            case 0 -> arn + ":PROD";
                            case 1 -> arn + ":" + (1 + random.nextInt(20));
                            case 2 -> arn + ":$LATEST";
                            default -> arn;
                        });
            }
        }

        List<String> kmsKeys = new ArrayList<>();
        int keyCount = random.nextInt(3);
        for (int i = 0; i < keyCount; i++) {
            String id = keyId(random);
            kmsKeys.add(
                    random.nextBoolean()
                            ? id
                            : "arn:" + partition + ":kms:" + someRegion(random, partition, region) + ":"
                                    + (random.nextInt(4) == 0 ? account(random) : account) + ":key/" + id);
        }

        List<String> historyWorkgroups = new ArrayList<>();
        switch (random.nextInt(5)) {
            case 0 -> historyWorkgroups.add(Connection.ALL_WORKGROUPS);
            case 1, 2 -> {
                int count = 1 + random.nextInt(2);
                while (historyWorkgroups.size() < count) {
                    String name = word(random, 3, 9) + random.nextInt(10);
                    if (!historyWorkgroups.contains(name)) {
                        historyWorkgroups.add(name);
                    }
                }
            }
            default -> {}
        }
        // OpenMetadata always names "default"; DataHub's partition profiling needs a scratch database.
        String sessionDatabase = "";
        if (features.contains(Feature.PARTITION_PROFILING)
                || (profile != Profile.OPENMETADATA && random.nextInt(3) == 0)) {
            sessionDatabase = random.nextBoolean() && !databases.contains(Connection.ALL_DATABASES)
                    ? databases.get(random.nextInt(databases.size()))
                    : "scratch_" + word(random, 2, 8);
        }
        List<String> spill = new ArrayList<>();
        if (random.nextInt(3) != 0) {
            spill.add("s3://" + (random.nextInt(4) == 0 ? resultsBucket : bucket(random)) + "/"
                    + (random.nextBoolean() ? "" : prefix(random)));
        }
        List<String> writeLocations = new ArrayList<>();
        if (features.contains(Feature.MODELS)) {
            int count = random.nextInt(3);
            for (int i = 0; i < count; i++) {
                writeLocations.add("s3://" + (random.nextInt(4) == 0 ? resultsBucket : bucket(random)) + "/"
                        + (random.nextBoolean() ? "" : prefix(random)));
            }
        }

        return new Spec(
                number,
                profile,
                ImmutableSet.copyOf(features),
                region,
                account,
                workgroup,
                ImmutableList.copyOf(catalogs),
                ImmutableList.copyOf(databases),
                results,
                ImmutableList.copyOf(data),
                random.nextBoolean(),
                ImmutableList.copyOf(lambdas),
                ImmutableList.copyOf(kmsKeys),
                random.nextBoolean(),
                keyId(random),
                ImmutableList.copyOf(historyWorkgroups),
                sessionDatabase,
                ImmutableList.copyOf(spill),
                ImmutableList.copyOf(writeLocations));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Twelve digits, never {@link #OTHER_ACCOUNT}: the first is 1-8. */
    private static String account(Random random) {
        StringBuilder account = new StringBuilder().append(1 + random.nextInt(8));
        for (int i = 1; i < 12; i++) {
            account.append(random.nextInt(10));
        }
        return account.toString();
    }

    /** Lowercase letters only, so no name can spell a probe, a reserved S3 prefix or suffix, or a wildcard. */
    private static String word(Random random, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** An S3 bucket name: starts with a-m (never xn--, sthree- or amzn-), letters and '-', no digits or dots. */
    private static String bucket(Random random) {
        return (char) ('a' + random.nextInt(13)) + word(random, 2, 10) + "-" + word(random, 3, 10);
    }

    /** One or two folders, ending with '/'; Hive partition folders sometimes. */
    private static String prefix(Random random) {
        StringBuilder prefix = new StringBuilder();
        int folders = 1 + random.nextInt(2);
        for (int i = 0; i < folders; i++) {
            prefix.append(
                            random.nextInt(4) == 0
                                    ? "dt=2024-0" + (1 + random.nextInt(9))
                                    : word(random, 2, 8) + (random.nextBoolean() ? "" : "_" + random.nextInt(10)))
                    .append('/');
        }
        return prefix.toString();
    }

    private static String catalogName(Random random) {
        String name = word(random, 2, 8) + pick(random, List.of("", "_", "@", "-")) + word(random, 2, 8);
        return switch (random.nextInt(3)) {
            case 0 -> name;
            case 1 -> capitalize(name);
            default -> name.toUpperCase(Locale.ROOT);
        };
    }

    private static String someRegion(Random random, String partition, String region) {
        return random.nextInt(3) == 0 ? pick(random, PARTITION_REGIONS.get(partition)) : region;
    }

    private static String keyId(Random random) {
        if (random.nextInt(4) == 0) {
            return "mrk-" + hex(random, 32);
        }
        return hex(random, 8) + "-" + hex(random, 4) + "-" + hex(random, 4) + "-" + hex(random, 4) + "-"
                + hex(random, 12);
    }

    private static String hex(Random random, int digits) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
