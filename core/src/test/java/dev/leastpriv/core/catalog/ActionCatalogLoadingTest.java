package dev.leastpriv.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableMap;
import dev.leastpriv.core.Action;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bundled catalog as a whole, and that it reads each service only when a lookup needs it. */
class ActionCatalogLoadingTest {

    private static final Action GLUE_GET_TABLES = Action.parse("glue:GetTables");

    @Test
    void indexLookups_readNoService() {
        ActionCatalog catalog = ActionCatalog.loadStandard();

        assertThat(catalog.services()).contains("ec2");
        assertThat(catalog.hasService("ec2")).isTrue();
        assertThat(catalog.hasService("athenna")).isFalse();
        assertThat(catalog.conditionKeyType("aws:SourceIp")).contains(ConditionKeyType.IP_ADDRESS);
        assertThat(catalog.conditionKeyType("aws:PrincipalTag/team")).contains(ConditionKeyType.STRING);
        assertThat(catalog.conditionKeyType("glue:RoleAssumedBy")).contains(ConditionKeyType.STRING);
        assertThat(catalog.action(Action.parse("athenna:GetTable"))).isEmpty();
        assertThat(catalog.matching(Action.parse("athenna:*"))).isEmpty();
        assertThat(catalog.conditionKeyType("madeup:Key")).isEmpty();

        assertThat(catalog.loadedServices()).isEmpty();
    }

    @Test
    void action_readsOnlyItsService() {
        ActionCatalog catalog = ActionCatalog.loadStandard();

        assertThat(catalog.action(GLUE_GET_TABLES)).isPresent();
        assertThat(catalog.loadedServices()).containsExactly("glue");

        assertThat(catalog.matching(Action.parse("s3:Get*"))).isNotEmpty();
        assertThat(catalog.loadedServices()).containsExactly("glue", "s3");
    }

    @Test
    void conditionKeyType_serviceKey_readsTheServicesThatDefineItsPrefix() {
        ActionCatalog catalog = ActionCatalog.loadStandard();

        assertThat(catalog.conditionKeyType("s3:prefix")).contains(ConditionKeyType.STRING);
        assertThat(catalog.loadedServices()).containsExactly("s3");

        // sts defines the identity providers' keys; their prefixes are not services
        assertThat(catalog.conditionKeyType("token.actions.githubusercontent.com:repository"))
                .contains(ConditionKeyType.STRING);
        assertThat(catalog.conditionKeyType("agent.example.buildkite.dev:build_branch"))
                .contains(ConditionKeyType.STRING);
        assertThat(catalog.loadedServices()).containsExactly("s3", "sts");

        // ec2-instance-connect defines ec2:osuser, which ec2 itself does not
        assertThat(catalog.conditionKeyType("ec2:osuser")).contains(ConditionKeyType.STRING);
        assertThat(catalog.loadedServices()).containsExactly("ec2", "ec2-instance-connect", "s3", "sts");
    }

    @Test
    void action_firstUseFromManyThreads_readsTheServiceOnce() throws Exception {
        ActionCatalog catalog = ActionCatalog.loadStandard();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ActionDefinition>> lookups = IntStream.range(0, 32)
                    .<Callable<ActionDefinition>>mapToObj(
                            i -> () -> catalog.action(GLUE_GET_TABLES).orElseThrow())
                    .toList();
            List<Future<ActionDefinition>> results = pool.invokeAll(lookups);

            ActionDefinition first = results.get(0).get();
            for (Future<ActionDefinition> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(catalog.loadedServices()).containsExactly("glue");
    }

    @Test
    void matching_all_isInServiceOrderWhateverWasReadBefore() {
        ActionCatalog catalog = ActionCatalog.loadStandard();
        assertThat(catalog.actions("sts")).isNotEmpty();
        assertThat(catalog.actions("athena")).isNotEmpty();

        var all = catalog.matching(Action.ALL);

        assertThat(all).isEqualTo(ActionCatalog.standard().matching(Action.ALL));
        assertThat(all).extracting(ActionDefinition::service).isSortedAccordingTo(String::compareTo);
        assertThat(catalog.loadedServices()).hasSameSizeAs(catalog.services());
    }

    @Test
    void everyService_inTheIndex_hasAResourceWithActions() {
        ActionCatalog catalog = ActionCatalog.standard();

        // The data has no service without actions (the generator refuses one), so every service must have some.
        for (String service : catalog.services()) {
            assertThat(catalog.actions(service))
                    .as(service)
                    .isNotEmpty()
                    .allSatisfy(action -> assertThat(action.service()).isEqualTo(service));
        }
    }

    @Test
    void everyServiceKey_hasOneTypeAcrossServicesAndTheGlobalList() throws IOException {
        ActionCatalog catalog = ActionCatalog.standard();
        String indexText = read(ActionCatalog.RESOURCE);
        var index = CatalogReader.readIndex(ActionCatalog.RESOURCE, indexText);
        // What ActionCatalog cannot check while it reads one service at a time, checked here for all of them.
        Map<String, String> firstDefinition = new HashMap<>();
        Map<String, ConditionKeyType> types = new HashMap<>();
        index.globalConditionKeys().forEach((key, type) -> types.put(key.toLowerCase(Locale.ROOT), type));
        index.globalConditionKeys()
                .keySet()
                .forEach(key -> firstDefinition.put(key.toLowerCase(Locale.ROOT), "global"));
        for (String service : catalog.services()) {
            String resource = ActionCatalog.resource(service);
            ImmutableMap<String, ConditionKeyType> keys = CatalogReader.readService(
                            service, resource, read(resource), index.globalConditionKeys())
                    .conditionKeys();
            keys.forEach((key, type) -> {
                String lower = key.toLowerCase(Locale.ROOT);
                ConditionKeyType earlier = types.putIfAbsent(lower, type);
                firstDefinition.putIfAbsent(lower, service);
                assertThat(type)
                        .as("%s in %s, first defined in %s", key, service, firstDefinition.get(lower))
                        .isEqualTo(earlier == null ? type : earlier);
                assertThat(catalog.conditionKeyType(key)).as(key).contains(type);
            });
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ActionCatalog.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
