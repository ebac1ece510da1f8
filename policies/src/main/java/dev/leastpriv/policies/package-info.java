/** Placeholder. */
package dev.leastpriv.policies;
