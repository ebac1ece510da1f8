/** Placeholder. */
package dev.leastpriv.bench;
