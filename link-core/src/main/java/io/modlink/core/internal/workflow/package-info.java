/** The workflow runner and the step context. Internal. */
@NullMarked
package io.modlink.core.internal.workflow;

import org.jspecify.annotations.NullMarked;
