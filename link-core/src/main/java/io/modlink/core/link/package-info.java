/**
 * Links between entities of different modules: {@link io.modlink.core.link.LinkDefinition} (the
 * Java {@code defineLink}), the naming rules ({@link io.modlink.core.link.LinkNaming}) and the
 * validated graph of modules, entities and links ({@link io.modlink.core.link.LinkRegistry}).
 */
@NullMarked
package io.modlink.core.link;

import org.jspecify.annotations.NullMarked;
