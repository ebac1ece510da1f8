/** JMH benchmarks; run them as the README's "Performance" section shows. Not published. */
package dev.leastpriv.bench;
