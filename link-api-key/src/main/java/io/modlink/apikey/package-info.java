/**
 * The API Key module: publishable and secret API keys, and the predefined link from publishable
 * keys to sales channels (active when a {@code sales_channel} module is installed). Depends on
 * link-core only.
 */
@NullMarked
package io.modlink.apikey;

import org.jspecify.annotations.NullMarked;
