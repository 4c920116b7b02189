/** The query planner and its executors (federated and push-down). Internal. */
@NullMarked
package io.modlink.core.internal.query;

import org.jspecify.annotations.NullMarked;
