package dev.leastpriv.core.eval;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.catalog.ActionDefinition;
import dev.leastpriv.core.catalog.ResourceTypeRef;
import java.util.ArrayList;
import java.util.List;

/** The actions the differential test draws from: every catalog action of the services leastpriv covers. */
final class ActionSpecs {

    static final ImmutableList<String> SERVICES =
            ImmutableList.of("athena", "glue", "s3", "kms", "lambda", "lakeformation", "iam", "sts");

    private ActionSpecs() {}

    static List<DifferentialCases.ActionSpec> fromCatalog() {
        ActionCatalog catalog = ActionCatalog.standard();
        List<DifferentialCases.ActionSpec> specs = new ArrayList<>();
        for (String service : SERVICES) {
            for (ActionDefinition action : catalog.actions(service)) {
                List<String> formats = new ArrayList<>();
                for (ResourceTypeRef type : action.resourceTypes()) {
                    // Only ARNs the generator can fill in: a fixed partition-less format would not parse.
                    type.arnFormats().stream()
                            .filter(f -> f.startsWith("arn:${Partition}:"))
                            .forEach(formats::add);
                }
                if (action.isWildcardOnly() || !formats.isEmpty()) {
                    specs.add(new DifferentialCases.ActionSpec(action.action().toString(), formats));
                }
            }
        }
        return specs;
    }
}
