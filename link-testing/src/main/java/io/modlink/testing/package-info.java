/**
 * JUnit 5 support for module authors: {@link io.modlink.testing.DatabaseTest} runs a test once per
 * database engine (H2 and PostgreSQL), each run in a fresh database or schema that it drops afterwards.
 */
@NullMarked
package io.modlink.testing;

import org.jspecify.annotations.NullMarked;
