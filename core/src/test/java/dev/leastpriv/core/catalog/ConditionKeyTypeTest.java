package dev.leastpriv.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConditionKeyTypeTest {

    @ParameterizedTest
    @EnumSource(ConditionKeyType.class)
    void fromDataName_dataName_roundTrips(ConditionKeyType type) {
        assertThat(ConditionKeyType.fromDataName(type.dataName())).isSameAs(type);
    }

    @Test
    void fromDataName_dataSpellings_mapToConstants() {
        assertThat(ConditionKeyType.fromDataName("String")).isEqualTo(ConditionKeyType.STRING);
        assertThat(ConditionKeyType.fromDataName("IPAddress")).isEqualTo(ConditionKeyType.IP_ADDRESS);
        assertThat(ConditionKeyType.fromDataName("ArrayOfARN")).isEqualTo(ConditionKeyType.ARRAY_OF_ARN);
        assertThat(ConditionKeyType.fromDataName("ArrayOfBool")).isEqualTo(ConditionKeyType.ARRAY_OF_BOOL);
    }

    @Test
    void fromDataName_unknownOrWrongCase_throwsWithExpectedNames() {
        assertThatThrownBy(() -> ConditionKeyType.fromDataName("string"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown condition key type \"string\"")
                .hasMessageContaining("IPAddress");
        assertThatThrownBy(() -> ConditionKeyType.fromDataName("Long")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isArray_arrayTypes_haveScalarElementType() {
        assertThat(ConditionKeyType.ARRAY_OF_STRING.isArray()).isTrue();
        assertThat(ConditionKeyType.ARRAY_OF_STRING.elementType()).isEqualTo(ConditionKeyType.STRING);
        assertThat(ConditionKeyType.ARRAY_OF_ARN.elementType()).isEqualTo(ConditionKeyType.ARN);
        assertThat(ConditionKeyType.STRING.isArray()).isFalse();
        assertThat(ConditionKeyType.DATE.elementType()).isEqualTo(ConditionKeyType.DATE);
    }

    @ParameterizedTest
    @EnumSource(ConditionKeyType.class)
    void dataName_arrayType_startsWithArrayOfElementName(ConditionKeyType type) {
        String expected = type.isArray() ? "ArrayOf" + type.elementType().dataName() : type.dataName();

        assertThat(type.dataName()).isEqualTo(expected);
        assertThat(type.elementType().isArray()).isFalse();
    }
}
