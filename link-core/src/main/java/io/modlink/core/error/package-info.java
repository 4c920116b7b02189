/**
 * The exception family. Every exception modlink throws at a public entry point is an unchecked
 * {@link io.modlink.core.error.ModlinkException} whose {@link io.modlink.core.error.ModlinkException#type()}
 * is stable across releases.
 */
@NullMarked
package io.modlink.core.error;

import org.jspecify.annotations.NullMarked;
