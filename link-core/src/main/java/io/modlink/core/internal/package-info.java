/**
 * Implementation. Nothing here is API: it may change or move in any release.
 */
@NullMarked
package io.modlink.core.internal;

import org.jspecify.annotations.NullMarked;
