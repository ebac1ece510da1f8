package dev.leastpriv.policies.iac;

/** How JSON text is laid out. */
public enum JsonLayout {
    /** AWS's documentation layout, as {@link dev.leastpriv.core.Policy#toJson()}: 4-space indent, final newline. */
    PRETTY,
    /** One line without whitespace, as {@link dev.leastpriv.core.Policy#toCompactJson()}. */
    COMPACT
}
