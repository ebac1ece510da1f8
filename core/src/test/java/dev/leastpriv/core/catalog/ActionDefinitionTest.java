package dev.leastpriv.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import org.junit.jupiter.api.Test;

class ActionDefinitionTest {

    private static final ResourceTypeRef TABLE = new ResourceTypeRef(
            "table",
            true,
            ImmutableList.of("arn:${Partition}:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}"));
    private static final ResourceTypeRef CATALOG = new ResourceTypeRef(
            "catalog", false, ImmutableList.of("arn:${Partition}:glue:${Region}:${Account}:catalog/${CatalogName}"));

    @Test
    void isWildcardOnly_noResourceTypes_isTrue() {
        var definition =
                new ActionDefinition("athena", "ListWorkGroups", "List", ImmutableList.of(), ImmutableList.of());

        assertThat(definition.isWildcardOnly()).isTrue();
        assertThat(definition.requiredResourceTypes()).isEmpty();
        assertThat(definition.action()).isEqualTo(Action.parse("athena:ListWorkGroups"));
    }

    @Test
    void requiredResourceTypes_mixedTypes_keepsOnlyRequired() {
        var definition =
                new ActionDefinition("glue", "GetTable", "Read", ImmutableList.of(CATALOG, TABLE), ImmutableList.of());

        assertThat(definition.isWildcardOnly()).isFalse();
        assertThat(definition.requiredResourceTypes()).containsExactly(TABLE);
    }

    @Test
    void new_wildcardName_throws() {
        assertThatThrownBy(() -> new ActionDefinition("glue", "Get*", "Read", ImmutableList.of(), ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid catalog action \"glue:Get*\"");
    }

    @Test
    void new_invalidService_throwsFromAction() {
        assertThatThrownBy(
                        () -> new ActionDefinition("gl ue", "GetTable", "Read", ImmutableList.of(), ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid action");
    }

    @Test
    void new_emptyAccessLevel_throws() {
        assertThatThrownBy(() -> new ActionDefinition("glue", "GetTable", "", ImmutableList.of(), ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty access level");
    }
}
