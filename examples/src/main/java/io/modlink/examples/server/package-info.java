/**
 * The store server ({@code modlink serve}): an HTTP API compatible with Medusa's for API keys,
 * sales channels and products. Admin routes need a live secret API key; store routes are scoped to
 * the sales channels of the publishable key in {@code x-publishable-api-key}. A host application:
 * it composes the modules, runs their multi-step operations as workflows and reads with one graph
 * query per request. See {@code docs/http-api.md}.
 */
@NullMarked
package io.modlink.examples.server;

import org.jspecify.annotations.NullMarked;
