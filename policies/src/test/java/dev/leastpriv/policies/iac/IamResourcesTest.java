package dev.leastpriv.policies.iac;

import static dev.leastpriv.policies.iac.Fixtures.OMNI_TRUST;
import static dev.leastpriv.policies.iac.Fixtures.TWO_POLICIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IamResourcesTest {

    @ParameterizedTest
    @ValueSource(strings = {"leastpriv-openmetadata", "_private", "a", "Omni_Prod-2", "x-"})
    void new_validName_isAccepted(String name) {
        var resources = IamResources.of(name, TWO_POLICIES);

        assertThat(resources.name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1password",
                "-leading-dash",
                "has space",
                "dotted.name",
                "at@sign",
                "plus+sign",
                "${var.x}",
                "name\u00e9",
                "a1234567890123456789012345678901234567890123456789012345678901234"
            })
    void new_invalidName_throwsNamingTheRule(String name) {
        assertThatThrownBy(() -> IamResources.of(name, TWO_POLICIES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("name \"")
                .hasMessageContaining(IamResources.NAME_RULE);
    }

    @Test
    void new_sixtyFourCharacters_isAccepted() {
        String name = "a".repeat(64);

        assertThat(IamResources.of(name, TWO_POLICIES).roleName()).hasSize(64);
    }

    @Test
    void withRole_nullTrust_throws() {
        assertThatThrownBy(() -> IamResources.withRole("leastpriv", TWO_POLICIES, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("trust");
    }

    @Test
    void policyName_eachIndex_countsFromOne() {
        var resources = IamResources.withRole("leastpriv-omni", TWO_POLICIES, OMNI_TRUST);

        assertThat(resources.policyName(0)).isEqualTo("leastpriv-omni-1");
        assertThat(resources.policyName(1)).isEqualTo("leastpriv-omni-2");
        assertThat(resources.roleName()).isEqualTo("leastpriv-omni");
    }

    @Test
    void policyName_indexOutsideSet_throws() {
        var resources = IamResources.of("leastpriv", TWO_POLICIES);

        assertThatThrownBy(() -> resources.policyName(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy index 2 is outside the set of 2");
    }

    @ParameterizedTest
    @CsvSource({
        "leastpriv-openmetadata, LeastprivOpenmetadata",
        "omni_prod-2, OmniProd2",
        "_, ''",
        "__a__b, AB",
        "already-CamelCase, AlreadyCamelCase"
    })
    void logicalIdPrefix_name_isPascalCaseAlphanumeric(String name, String prefix) {
        assertThat(IamResources.of(name, TWO_POLICIES).logicalIdPrefix())
                .isEqualTo(prefix)
                .matches("[A-Za-z0-9]*");
    }
}
