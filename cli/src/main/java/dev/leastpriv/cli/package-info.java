/** Placeholder. */
package dev.leastpriv.cli;
