/**
 * Modules and their data models: what a plugin author declares ({@link io.modlink.core.module.ModuleDefinition})
 * and what modlink derives from the Hibernate metamodel ({@link io.modlink.core.module.ModuleModel},
 * {@link io.modlink.core.module.EntityModel}).
 */
@NullMarked
package io.modlink.core.module;

import org.jspecify.annotations.NullMarked;
