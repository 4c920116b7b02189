/** Benchmarks run by {@code ./modlink bench}: {@link io.modlink.examples.bench.LinkBench}. */
@NullMarked
package io.modlink.examples.bench;

import org.jspecify.annotations.NullMarked;
