/**
 * Units of work and workflows.
 *
 * <p>A {@link io.modlink.core.workflow.Transactions unit of work} gives the module stores, the link
 * tables, graph queries and any code that uses a DataSource from {@link io.modlink.core.Modlink}
 * one database transaction per DataSource: where they all share one DataSource, a failure rolls
 * back everything, by the database. A {@link io.modlink.core.workflow.Workflow} runs
 * {@link io.modlink.core.workflow.Step steps} in order; on one DataSource it runs them in one unit
 * of work, across DataSources it undoes the completed steps by their compensations. The built-in
 * steps ({@link io.modlink.core.workflow.QueryGraphStep}, {@link io.modlink.core.workflow.CreateLinksStep},
 * {@link io.modlink.core.workflow.DismissLinksStep}, {@link io.modlink.core.workflow.RemoveLinksStep},
 * {@link io.modlink.core.workflow.UpdateLinksStep}) are the Java counterparts of Medusa's
 * {@code useQueryGraphStep}, {@code createRemoteLinkStep}, {@code dismissRemoteLinkStep},
 * {@code removeRemoteLinkStep} and {@code updateRemoteLinksStep}, with exact compensations.
 */
@NullMarked
package io.modlink.core.workflow;

import org.jspecify.annotations.NullMarked;
