package io.modlink.apikey;

/** The kind of an API key. */
public enum ApiKeyType {
  /** A key meant for storefronts; its token is not secret and may be shown again. */
  publishable,
  /** A key for server-to-server calls; its token is shown once, then stored only as a hash. */
  secret
}
