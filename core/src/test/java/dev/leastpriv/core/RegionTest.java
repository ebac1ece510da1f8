package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegionTest {

    @ParameterizedTest
    @CsvSource({
        "us-east-1,       aws",
        "eu-central-2,    aws",
        "cn-north-1,      aws-cn",
        "us-gov-west-1,   aws-us-gov",
        "us-iso-east-1,   aws-iso",
        "us-isob-east-1,  aws-iso-b",
        "eu-isoe-west-1,  aws-iso-e",
        "us-isof-south-1, aws-iso-f",
        "eusc-de-east-1,  aws-eusc"
    })
    void partition_validRegion_returnsItsPartition(String name, String partition) {
        Region region = Region.of(name);

        assertThat(region.partition()).isEqualTo(Partition.of(partition));
    }

    @Test
    void of_validRegion_keepsNameAndPrintsIt() {
        Region region = Region.of("eu-west-1");

        assertThat(region.name()).isEqualTo("eu-west-1");
        assertThat(region).hasToString("eu-west-1").isEqualTo(new Region("eu-west-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"us_east_1", "US-EAST-1", "us-east-x", "mars-1", "", "aws-global", "eu-west-1 "})
    void of_invalidRegion_throwsWithExamples(String name) {
        assertThatThrownBy(() -> Region.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid region \"" + name + "\"")
                .hasMessageContaining("expected an AWS region such as \"us-east-1\"");
    }

    @Test
    void of_null_throwsNullPointerException() {
        assertThatThrownBy(() -> Region.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }
}
