package dev.leastpriv.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import org.junit.jupiter.api.Test;

class ResourceTypeTest {

    private static final String BUCKET_FORMAT = "arn:${Partition}:s3:::${BucketName}";

    @Test
    void new_validType_keepsValues() {
        var type =
                new ResourceType("bucket", ImmutableList.of(BUCKET_FORMAT), ImmutableList.of("s3:BucketTag/${TagKey}"));

        assertThat(type.name()).isEqualTo("bucket");
        assertThat(type.arnFormats()).containsExactly(BUCKET_FORMAT);
        assertThat(type.conditionKeys()).containsExactly("s3:BucketTag/${TagKey}");
    }

    @Test
    void new_noArnFormat_throws() {
        assertThatThrownBy(() -> new ResourceType("bucket", ImmutableList.of(), ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Resource type \"bucket\" has no ARN format");
    }

    @Test
    void new_formatWithoutSixParts_throwsNamingFormat() {
        assertThatThrownBy(() -> new ResourceType("bucket", ImmutableList.of("arn:aws:s3"), ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid ARN format \"arn:aws:s3\"");
    }

    @Test
    void new_emptyName_throws() {
        assertThatThrownBy(() -> new ResourceType("", ImmutableList.of(BUCKET_FORMAT), ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must not be empty");
    }

    @Test
    void of_resourceType_copiesNameAndFormats() {
        var type = new ResourceType("bucket", ImmutableList.of(BUCKET_FORMAT), ImmutableList.of());

        assertThat(ResourceTypeRef.of(type, true))
                .isEqualTo(new ResourceTypeRef("bucket", true, ImmutableList.of(BUCKET_FORMAT)));
    }

    @Test
    void newRef_noArnFormat_throws() {
        assertThatThrownBy(() -> new ResourceTypeRef("bucket", false, ImmutableList.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no ARN format");
    }
}
