/** Runnable example programs. */
@NullMarked
package io.modlink.examples;

import org.jspecify.annotations.NullMarked;
