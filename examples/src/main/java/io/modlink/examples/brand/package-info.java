/** The {@code brand} module of the guide {@code docs/modules-and-links.md}: a plugin author's own module. */
@NullMarked
package io.modlink.examples.brand;

import org.jspecify.annotations.NullMarked;
