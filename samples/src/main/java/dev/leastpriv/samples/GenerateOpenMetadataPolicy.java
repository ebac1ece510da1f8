package dev.leastpriv.samples;

import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.policies.Feature;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.Profile;
import dev.leastpriv.policies.RenderedPolicy;
import dev.leastpriv.policies.StatementExplanation;
import java.util.List;

/**
 * Renders the policy for OpenMetadata's Athena connector with metadata, usage and the profiler, and prints it with
 * a summary of each statement; it needs no AWS account. After the README's build command, run it with
 * {@code java -cp "cli/target/leastpriv-cli-0.1.0-SNAPSHOT-all.jar:samples/target/classes"
 * dev.leastpriv.samples.GenerateOpenMetadataPolicy}.
 */
public final class GenerateOpenMetadataPolicy {

    private GenerateOpenMetadataPolicy() {}

    /** {@return the rendered policy of this example} */
    static RenderedPolicy render() {
        Connection connection = Connection.builder()
                .region("eu-west-1")
                .account("123456789012")
                .workgroup("metadata")
                .addDatabase("sales")
                .addDatabase("marketing")
                .results("s3://athena-results-123456789012/openmetadata/")
                .addData("s3://company-data-lake/warehouse/")
                .build();
        PolicyRequest request = PolicyRequest.of(
                connection, Profile.OPENMETADATA, List.of(Feature.METADATA, Feature.USAGE, Feature.PROFILER));
        return PolicyRenderer.render(request);
    }

    public static void main(String[] args) {
        RenderedPolicy rendered = render();
        System.out.print(rendered.policy().toJson());
        for (StatementExplanation statement : rendered.explanations()) {
            System.err.println(statement.sid() + ": " + statement.actions().size() + " actions on "
                    + statement.resources().size() + " resources");
        }
        System.err.printf("size %d of %d characters%n", rendered.size().characters(), PolicyLimit.MANAGED.characters());
    }
}
