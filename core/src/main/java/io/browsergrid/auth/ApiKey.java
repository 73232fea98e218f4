package io.browsergrid.auth;

import java.time.Instant;

/**
 * A stored API key: never the key itself, only its SHA-256.
 *
 * @param id        public id ({@code key_} + the first 16 hex digits of the hash), used to list and revoke
 * @param tenantId  the tenant the key acts for
 * @param name      a label
 * @param role      what it may do
 * @param hash      hex SHA-256 of the key
 * @param createdAt when it was issued
 */
public record ApiKey(String id, String tenantId, String name, Role role, String hash, Instant createdAt) {}
