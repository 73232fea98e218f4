package io.browsergrid.pool;

import io.browsergrid.browser.BrowserHandle;

/**
 * A warm browser now owned by one session.
 *
 * @param handle      the provider's handle
 * @param cdpEndpoint where it answers CDP
 * @param version     its product string
 */
public record ClaimedBrowser(BrowserHandle handle, String cdpEndpoint, String version) {}
