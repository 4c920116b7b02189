/**
 * The {@code modlink} command line: one picocli entry point, {@link io.modlink.examples.cli.ModlinkCli},
 * with the subcommands {@code demo}, {@code serve}, {@code links plan|sync}, {@code query} and {@code bench links|query}
 * See docs/cli.md.
 */
@NullMarked
package io.modlink.examples.cli;

import org.jspecify.annotations.NullMarked;
