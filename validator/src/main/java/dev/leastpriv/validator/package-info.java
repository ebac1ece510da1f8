/** Placeholder. */
package dev.leastpriv.validator;
