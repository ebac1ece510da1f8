package dev.leastpriv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionTest {

    @ParameterizedTest
    @CsvSource({
        "us-east-1,       aws",
        "eu-west-1,       aws",
        "ap-southeast-2,  aws",
        "il-central-1,    aws",
        "cn-north-1,      aws-cn",
        "cn-northwest-1,  aws-cn",
        "us-gov-west-1,   aws-us-gov",
        "us-gov-east-1,   aws-us-gov",
        "us-iso-east-1,   aws-iso",
        "us-isob-east-1,  aws-iso-b",
        "eu-isoe-west-1,  aws-iso-e",
        "us-isof-south-1, aws-iso-f",
        "eusc-de-east-1,  aws-eusc"
    })
    void forRegion_exampleRegion_returnsItsPartition(String region, String partition) {
        assertThat(Partition.forRegion(region)).contains(Partition.of(partition));
    }

    @ParameterizedTest
    @ValueSource(strings = {"us_east_1", "US-EAST-1", "us-east-x", "mars-1", "", "us-east-1a", "us-east1", "xx-east-1"})
    void forRegion_notARegion_returnsEmpty(String region) {
        assertThat(Partition.forRegion(region)).isEmpty();
    }

    @Test
    void forRegion_hugeNameOfTheRightShape_returnsEmpty() {
        assertThat(Partition.forRegion("eu-" + "w".repeat(200) + "-1")).isEmpty();
        assertThat(Partition.forRegion("eu-west-123")).isEmpty();
        assertThat(Partition.forRegion("ap-southeast-7")).contains(Partition.AWS);
    }

    @Test
    void forRegion_null_throwsNullPointerException() {
        assertThatThrownBy(() -> Partition.forRegion(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("region");
    }

    static Stream<Arguments> constants() {
        return Stream.of(
                arguments(Partition.AWS, "aws"),
                arguments(Partition.AWS_CN, "aws-cn"),
                arguments(Partition.AWS_US_GOV, "aws-us-gov"),
                arguments(Partition.AWS_ISO, "aws-iso"),
                arguments(Partition.AWS_ISO_B, "aws-iso-b"),
                arguments(Partition.AWS_ISO_E, "aws-iso-e"),
                arguments(Partition.AWS_ISO_F, "aws-iso-f"),
                arguments(Partition.AWS_EUSC, "aws-eusc"));
    }

    @ParameterizedTest
    @MethodSource("constants")
    void of_knownId_equalsConstantAndPrintsId(Partition constant, String id) {
        Partition partition = Partition.of(id);

        assertThat(partition).isEqualTo(constant);
        assertThat(partition.id()).isEqualTo(id);
        assertThat(partition).hasToString(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS", "aws-mars", "aws-iso-c", "aws-us-gov-west", "", "aws ", "amazon"})
    void of_unknownId_throwsListingKnownPartitions(String id) {
        assertThatThrownBy(() -> Partition.of(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid partition \"" + id + "\"")
                .hasMessageContaining("expected one of aws, aws-cn, aws-us-gov");
    }

    @Test
    void of_null_throwsNullPointerException() {
        assertThatThrownBy(() -> Partition.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("id");
    }
}
