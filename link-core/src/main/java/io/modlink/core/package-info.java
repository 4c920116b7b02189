/**
 * modlink's public face: {@link io.modlink.core.Modlink}, the runtime that composes modules and
 * links, and its {@link io.modlink.core.DatabaseConfig}.
 *
 * <p>Sub-packages: {@code module} (module definitions and entity models), {@code link} (link
 * definitions and the registry), {@code spi} (extension points for module authors), {@code guice}
 * (composition with Guice), {@code error} (the exception family). Nothing outside {@code internal}
 * may be relied upon to stay where it is.
 */
@NullMarked
package io.modlink.core;

import org.jspecify.annotations.NullMarked;
