package dev.leastpriv.validator.discovery;

import dev.leastpriv.core.Arn;
import dev.leastpriv.validator.discovery.DiscoveredKey.Source;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Resolves KMS key ids, alias names and alias ARNs to key ARNs with {@code kms:DescribeKey}: IAM matches
 * {@code kms:Decrypt} and {@code kms:GenerateDataKey} against the key ARN only, never an alias
 * (athena-connector-needs.md §1 KMS row, A7, PF-08). Key ARNs are taken as they are, without a call.
 */
final class KeyReader {

    static final String CALL = "kms:DescribeKey";

    private final KmsClient kms;
    private final DiscoveryRequest request;
    private final DiscoveryFindings findings;
    // Each distinct key is described once, whatever the number of places that name it; insertion order.
    private final Map<String, Optional<Arn>> resolved = new LinkedHashMap<>();

    KeyReader(KmsClient kms, DiscoveryRequest request, DiscoveryFindings findings) {
        this.kms = kms;
        this.request = request;
        this.findings = findings;
    }

    DiscoveredKey resolve(String given, Source source) {
        return new DiscoveredKey(
                given, source, resolved.computeIfAbsent(given, this::describe).orElse(null));
    }

    private Optional<Arn> describe(String given) {
        Arn arn = keyArn(given);
        if (arn != null) {
            return Optional.of(arn);
        }
        String key = "KMS key \"" + given + "\"";
        Optional<Optional<Arn>> described = findings.call(CALL, "the key ARN behind " + key, () -> {
            try {
                return Optional.of(Arn.parse(
                        kms.describeKey(r -> r.keyId(given)).keyMetadata().arn()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
        if (described.isEmpty()) {
            return Optional.empty();
        }
        if (described.get().isEmpty()) {
            findings.add(CALL, Level.ERROR, key + " does not exist in " + request.region());
        } else if (given.contains("alias/")) {
            findings.add(
                    CALL,
                    Level.INFO,
                    key + " is " + described.get().get() + "; policies name the key ARN, since an alias never"
                            + " authorizes use of a key");
        }
        return described.get();
    }

    /** {@return the ARN when {@code given} already is a key ARN, else null} */
    private static @Nullable Arn keyArn(String given) {
        if (!given.startsWith("arn:")) {
            return null;
        }
        try {
            Arn arn = Arn.parse(given);
            return arn.service().equals("kms") && arn.resource().startsWith("key/") ? arn : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
