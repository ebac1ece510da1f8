package dev.leastpriv.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The system properties the AWS SDK reads for credentials and endpoints (they mirror the AWS_* environment
 * variables), set for one test and put back after it.
 */
final class SdkProperties {

    private final Map<String, String> saved = new LinkedHashMap<>();

    void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    void clear(String key) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.clearProperty(key);
    }

    /** Test credentials, and every service at {@code endpoint}. */
    void pointAt(String endpoint) {
        set("aws.accessKeyId", "testing");
        set("aws.secretAccessKey", "testing");
        set("aws.endpointUrl", endpoint);
    }

    /** Every property as it was before the first change. */
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        saved.clear();
    }
}
