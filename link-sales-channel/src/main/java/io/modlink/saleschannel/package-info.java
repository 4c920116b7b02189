/** The Sales Channel module. Depends on link-core only. */
@NullMarked
package io.modlink.saleschannel;

import org.jspecify.annotations.NullMarked;
