package io.browsergrid.auth;

/**
 * A key just issued: the only moment its secret exists outside the caller's hands.
 *
 * @param key    the stored record (hash only)
 * @param secret the key itself, to show once
 */
public record IssuedKey(ApiKey key, String secret) {}
