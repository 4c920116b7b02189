/** Units of work: transaction-aware DataSources and the connections they bind to a thread. Internal. */
@NullMarked
package io.modlink.core.internal.tx;

import org.jspecify.annotations.NullMarked;
