package io.browsergrid.browser;

/**
 * A started browser, as its provider knows it.
 *
 * @param browserId the id from {@link BrowserSpec#browserId()}
 * @param ref       the provider's own reference (a process id, a task ARN, a service name); opaque to core
 */
public record BrowserHandle(String browserId, String ref) {}
