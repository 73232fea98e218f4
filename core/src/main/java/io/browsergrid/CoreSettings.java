package io.browsergrid;

import io.browsergrid.api.PublicUrls;
import java.time.Duration;

/**
 * What a deployment tells the core.
 *
 * @param maxSessions     live sessions the whole deployment may hold
 * @param urls            where clients reach it
 * @param cdpSecret       at least 32 secret bytes for CDP tokens (stable across restarts, or URLs stop working)
 * @param startTimeout    how long a browser may take to answer CDP before its session fails
 * @param metricsNeedKey  whether {@code /metrics} needs an API key
 */
public record CoreSettings(int maxSessions, PublicUrls urls, byte[] cdpSecret, Duration startTimeout,
    boolean metricsNeedKey) {}
