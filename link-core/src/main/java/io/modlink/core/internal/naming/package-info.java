/** Names: snake case, English plurals, did-you-mean suggestions, identifier checks. Internal. */
@NullMarked
package io.modlink.core.internal.naming;

import org.jspecify.annotations.NullMarked;
