/**
 * Composition with Guice: {@link io.modlink.core.guice.ModlinkModule} for the host application and
 * {@link io.modlink.core.guice.ModlinkBinder} for modules contributing their definition and links.
 */
@NullMarked
package io.modlink.core.guice;

import org.jspecify.annotations.NullMarked;
