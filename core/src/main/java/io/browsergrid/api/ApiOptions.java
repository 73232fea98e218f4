package io.browsergrid.api;

/**
 * What the API answers differently per deployment.
 *
 * @param urls           where clients reach the deployment: the base of every {@code cdpUrl} and link
 * @param agentServesCdp each browser's own agent serves CDP (cloud containers): a {@code cdpUrl} is then the
 *                       browser's endpoint plus its token, not this deployment's proxy
 * @param metricsNeedKey {@code /metrics} needs an API key
 * @param browserSandbox what confines each browser, shown on {@code /health}
 */
public record ApiOptions(PublicUrls urls, boolean agentServesCdp, boolean metricsNeedKey, String browserSandbox) {}
