package io.browsergrid;

import io.browsergrid.admission.AdmissionSettings;
import io.browsergrid.api.PublicUrls;
import java.time.Duration;

/**
 * What a deployment tells the core.
 *
 * @param maxSessions         live sessions the whole deployment may hold
 * @param urls                where clients reach it
 * @param secretKey           at least 32 secret bytes, stable across restarts: CDP tokens and the encryption of
 *                            webhook secrets are derived from it
 * @param startTimeout        how long a browser may take to answer CDP before its session fails
 * @param metricsNeedKey      whether {@code /metrics} needs an API key
 * @param webhookAllowPrivate let webhooks reach loopback and private addresses (metadata addresses stay refused)
 * @param agentServesCdp      true where each browser's own agent serves CDP (cloud containers): a session's
 *                            {@code cdpUrl} is then its browser's endpoint plus the token, not this deployment's proxy
 * @param defaultPoolMinIdle  warm browsers of the shared {@code default} pool: set at every start when present,
 *                            else 0 when the pool is first made (and whatever the operator set afterwards)
 * @param browserSandbox      what confines each browser ({@code bubblewrap}, {@code container}, or {@code off} when
 *                            an operator switched it off), shown on {@code /health}
 * @param admission           how many cold starts run at once and how long a create may queue for its turn
 */
public record CoreSettings(int maxSessions, PublicUrls urls, byte[] secretKey, Duration startTimeout,
    boolean metricsNeedKey, boolean webhookAllowPrivate, java.util.OptionalInt defaultPoolMinIdle,
    boolean agentServesCdp, String browserSandbox, AdmissionSettings admission) {}
