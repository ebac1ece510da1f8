/** Placeholder. */
package dev.leastpriv.samples;
