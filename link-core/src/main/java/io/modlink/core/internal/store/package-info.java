/** The Hibernate-backed entity store, filter parsing and the derivation of entity models. Internal. */
@NullMarked
package io.modlink.core.internal.store;

import org.jspecify.annotations.NullMarked;
