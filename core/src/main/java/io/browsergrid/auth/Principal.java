package io.browsergrid.auth;

/**
 * Who is calling: the key's tenant and role.
 *
 * @param tenantId the tenant every resource access is scoped to
 * @param role     what the key may do
 * @param keyId    the key's public id
 */
public record Principal(String tenantId, Role role, String keyId) {}
