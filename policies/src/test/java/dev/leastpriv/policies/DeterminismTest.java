package dev.leastpriv.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same inputs in any order render the same bytes (style.md §3.3): sets are sorted when the connection is built,
 * and rendering is a pure function.
 */
class DeterminismTest {

    private static final long SEED = 20_240_101L;
    private static final int SHUFFLES = 25;
    private static final String ACCOUNT = "123456789012";

    private static final ImmutableList<String> DATABASES =
            ImmutableList.of("sales", "Marketing", "finance_eu", "Sales", "hr-2024", "_staging", "zz");
    private static final ImmutableList<String> DATA = ImmutableList.of(
            "s3://data-lake/sales/",
            "s3://data-lake/marketing",
            "s3://archive.bucket/",
            "s3://athena-results/shared/",
            "s3://data-lake/sales/dt=2024-01-01/",
            "s3://zeta-bucket");
    private static final ImmutableList<String> LAMBDAS = ImmutableList.of(
            "athena-dynamodb",
            "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector",
            "arn:aws:lambda:eu-west-1:123456789012:function:athena-connector:PROD",
            "arn:aws:lambda:eu-west-1:210987654321:function:cross-account:$LATEST",
            "udf_functions");
    private static final ImmutableList<String> KMS_KEYS = ImmutableList.of(
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:eu-west-1:123456789012:key/0987dcba-09fe-87dc-65ba-ab0987654321",
            "mrk-1234abcd12ab34cd56ef1234567890ab",
            "arn:aws:kms:eu-west-1:210987654321:key/mrk-00000000000000000000000000000000");
    private static final ImmutableList<String> CATALOGS =
            ImmutableList.of("AwsDataCatalog", "dynamo_catalog", "Hive@Legacy", "ddb-catalog", "awsdatacatalog");

    /** The inputs of one connection, each list in some order. */
    private record Inputs(
            List<String> databases,
            List<String> data,
            List<String> lambdas,
            List<String> kmsKeys,
            List<String> catalogs) {

        static Inputs canonical() {
            return new Inputs(DATABASES, DATA, LAMBDAS, KMS_KEYS, CATALOGS);
        }

        Inputs shuffled(Random random) {
            return new Inputs(
                    shuffle(databases, random),
                    shuffle(data, random),
                    shuffle(lambdas, random),
                    shuffle(kmsKeys, random),
                    shuffle(catalogs, random));
        }

        Inputs reversed() {
            return new Inputs(
                    ImmutableList.copyOf(databases).reverse(),
                    ImmutableList.copyOf(data).reverse(),
                    ImmutableList.copyOf(lambdas).reverse(),
                    ImmutableList.copyOf(kmsKeys).reverse(),
                    ImmutableList.copyOf(catalogs).reverse());
        }

        Connection connection(boolean bothCatalogCases) {
            var builder = Connection.builder()
                    .region("eu-west-1")
                    .account(ACCOUNT)
                    .workgroup("analytics")
                    .results("s3://athena-results/leastpriv/")
                    .lakeFormation(true)
                    .bothCatalogCases(bothCatalogCases);
            databases.forEach(builder::addDatabase);
            data.forEach(builder::addData);
            lambdas.forEach(builder::addLambda);
            kmsKeys.forEach(builder::addKmsKey);
            catalogs.forEach(builder::addCatalog);
            return builder.build();
        }

        private static List<String> shuffle(List<String> values, Random random) {
            List<String> copy = new ArrayList<>(values);
            Collections.shuffle(copy, random);
            return copy;
        }
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of(Profile.GENERIC, false),
                Arguments.of(Profile.GENERIC, true),
                Arguments.of(Profile.OPENMETADATA, false),
                Arguments.of(Profile.OPENMETADATA, true),
                Arguments.of(Profile.OMNI, true),
                Arguments.of(Profile.DATAHUB, false),
                Arguments.of(Profile.SUPERSET, false),
                Arguments.of(Profile.METABASE, true),
                Arguments.of(Profile.METABASE_SIMBA, false),
                Arguments.of(Profile.DBT_ATHENA, false));
    }

    @ParameterizedTest(name = "{0}, both catalog cases {1}")
    @MethodSource("requests")
    void toJson_inputsInAnyOrder_isByteIdentical(Profile profile, boolean bothCatalogCases) {
        byte[] expected = json(Inputs.canonical(), profile, bothCatalogCases);
        Random random = new Random(SEED);

        List<Inputs> orders = new ArrayList<>();
        orders.add(Inputs.canonical().reversed());
        for (int i = 0; i < SHUFFLES; i++) {
            orders.add(Inputs.canonical().shuffled(random));
        }

        for (Inputs order : orders) {
            assertThat(json(order, profile, bothCatalogCases)).as("%s", order).isEqualTo(expected);
        }
    }

    @Test
    void build_inputsInAnyOrder_isEqualConnectionWithSortedSets() {
        Connection expected = Inputs.canonical().connection(false);
        Random random = new Random(SEED);

        for (int i = 0; i < SHUFFLES; i++) {
            Connection shuffled = Inputs.canonical().shuffled(random).connection(false);

            assertThat(shuffled).isEqualTo(expected);
            assertThat(shuffled.databases()).containsExactlyElementsOf(expected.databases());
            assertThat(shuffled.data()).containsExactlyElementsOf(expected.data());
            assertThat(shuffled.lambdas()).containsExactlyElementsOf(expected.lambdas());
            assertThat(shuffled.kmsKeys()).containsExactlyElementsOf(expected.kmsKeys());
            assertThat(shuffled.catalogs()).containsExactlyElementsOf(expected.catalogs());
        }
    }

    @ParameterizedTest(name = "{0}, both catalog cases {1}")
    @MethodSource("requests")
    void render_inputsInAnyOrder_givesSameExplanationsAndNotes(Profile profile, boolean bothCatalogCases) {
        RenderedPolicy expected = render(Inputs.canonical(), profile, bothCatalogCases);
        Random random = new Random(SEED - profile.ordinal());

        RenderedPolicy shuffled = render(Inputs.canonical().shuffled(random), profile, bothCatalogCases);

        assertThat(shuffled.policy()).isEqualTo(expected.policy());
        assertThat(shuffled.explanations()).isEqualTo(expected.explanations());
        assertThat(shuffled.notes()).isEqualTo(expected.notes());
        assertThat(shuffled.requirements().requirements())
                .isEqualTo(expected.requirements().requirements());
    }

    /** The JSON of every profile's canonical request, as {@link RenderInFreshJvm} prints it in another JVM. */
    static String everyProfileJson() {
        StringBuilder out = new StringBuilder();
        for (Arguments arguments : requests().toList()) {
            Profile profile = (Profile) arguments.get()[0];
            boolean bothCatalogCases = (Boolean) arguments.get()[1];
            out.append(render(Inputs.canonical(), profile, bothCatalogCases)
                    .policy()
                    .toJson());
        }
        return out.toString();
    }

    @Test
    void render_inFreshJvms_givesTheSameBytesAsThisOne() {
        // Two renders in one JVM share identity hash codes; other JVMs do not, and -XX:hashCode=2 gives every object
        // the same one, so hash order reaching the output would differ between these runs.
        String here = everyProfileJson();

        assertThat(RenderInFreshJvm.run()).isEqualTo(here);
        assertThat(RenderInFreshJvm.run("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2"))
                .isEqualTo(here);
    }

    @Test
    void render_equalRequestsBuiltSeparately_giveIdenticalBytes() {
        byte[] first = json(Inputs.canonical(), Profile.OPENMETADATA, false);

        byte[] second = json(Inputs.canonical(), Profile.OPENMETADATA, false);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void render_featuresInAnyOrder_giveIdenticalBytes() {
        var connection = Inputs.canonical().connection(false);
        List<Feature> features = new ArrayList<>(Profile.GENERIC.features());
        var expected = PolicyRenderer.render(PolicyRequest.of(connection, Profile.GENERIC, features))
                .policy()
                .toJson();
        Collections.reverse(features);

        String reversed = PolicyRenderer.render(PolicyRequest.of(connection, Profile.GENERIC, features))
                .policy()
                .toJson();

        assertThat(reversed).isEqualTo(expected);
    }

    @Test
    void toJson_pretty_usesLfLineEndsOnly() {
        String json = PolicyRenderer.render(request(Inputs.canonical(), Profile.GENERIC, true))
                .policy()
                .toJson();

        assertThat(json).contains("\n").doesNotContain("\r");
    }

    private static PolicyRequest request(Inputs inputs, Profile profile, boolean bothCatalogCases) {
        Connection connection = inputs.connection(bothCatalogCases);
        if (profile != Profile.OPENMETADATA) {
            // DataHub's partition profiling needs a scratch session database; OpenMetadata refuses one.
            connection = connection.toBuilder().sessionDatabase("scratch").build();
        }
        return PolicyRequest.of(connection, profile, ImmutableSet.copyOf(profile.features()));
    }

    private static RenderedPolicy render(Inputs inputs, Profile profile, boolean bothCatalogCases) {
        return PolicyRenderer.render(request(inputs, profile, bothCatalogCases));
    }

    private static byte[] json(Inputs inputs, Profile profile, boolean bothCatalogCases) {
        return bytes(render(inputs, profile, bothCatalogCases).policy().toJson());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
