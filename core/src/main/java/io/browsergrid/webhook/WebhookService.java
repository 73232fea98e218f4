package io.browsergrid.webhook;

import io.browsergrid.auth.Authenticator;
import io.browsergrid.auth.Principal;
import io.browsergrid.auth.Role;
import io.browsergrid.auth.TenantRepository;
import io.browsergrid.event.Event;
import io.browsergrid.problem.FieldError;
import io.browsergrid.problem.Refusal;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Subscriptions, for a tenant's admins: create (the secret shown once), list, read, delete, recent deliveries. */
public final class WebhookService {
  private final WebhookRepository hooks;
  private final AddressGuard guard;
  private final SecretBox box;
  private final SecureRandom random;
  private final Clock clock;
  private final TenantRepository tenants;

  public WebhookService(WebhookRepository hooks, AddressGuard guard, SecretBox box, SecureRandom random, Clock clock,
      TenantRepository tenants) {
    this.tenants = tenants;
    this.hooks = hooks;
    this.guard = guard;
    this.box = box;
    this.random = random;
    this.clock = clock;
  }

  /**
   * Creates a subscription. {@code events} null means every type; {@code secret} null means a new one.
   *
   * @throws Refusal invalid naming {@code url}, {@code events[i]} or {@code secret}; forbidden for a member key
   */
  public Created create(Principal caller, String url, List<String> events, String secret) {
    Authenticator.require(caller, Role.ADMIN);
    List<FieldError> errors = new ArrayList<>();
    guard.refusalForUrl(url).ifPresent(why -> errors.add(new FieldError("url", why)));
    List<String> types = events == null ? Event.TYPES : List.copyOf(new LinkedHashSet<>(events));
    for (int i = 0; events != null && i < events.size(); i++) {
      if (!Event.TYPES.contains(events.get(i))) {
        errors.add(new FieldError("events[" + i + "]", "must be one of " + String.join(", ", Event.TYPES)));
      }
    }
    if (types.isEmpty()) {
      errors.add(new FieldError("events", "must name at least one event type"));
    }
    if (secret != null && !WebhookSigner.validSecret(secret)) {
      errors.add(new FieldError("secret", "must be whsec_ followed by base64 of at least 24 bytes"));
    }
    if (!errors.isEmpty()) {
      throw Refusal.invalid(errors);
    }
    int max = tenants.get(caller.tenantId()).map(t -> t.value().limits().maxWebhooks())
        .orElseThrow(() -> Refusal.unauthenticated("the key's tenant no longer exists"));
    String plain = secret != null ? secret : WebhookSigner.newSecret(random);
    byte[] idBytes = new byte[8];
    random.nextBytes(idBytes);
    Webhook hook = new Webhook("wh_" + HexFormat.of().formatHex(idBytes), caller.tenantId(), url, types,
        box.seal(plain), clock.instant());
    switch (hooks.create(hook, max)) {
      case AT_LIMIT -> throw Refusal.quotaReached("maxWebhooks",
          "the tenant holds its maximum of " + max + " webhooks");
      case EXISTS -> throw new IllegalStateException("a fresh webhook id collided");
      default -> { }
    }
    return new Created(hook, plain);
  }

  public List<Webhook> list(Principal caller) {
    Authenticator.require(caller, Role.ADMIN);
    return hooks.all(caller.tenantId());
  }

  public Webhook get(Principal caller, String id) {
    Authenticator.require(caller, Role.ADMIN);
    return find(caller, id).orElseThrow(() -> Refusal.notFound("webhook", id));
  }

  /** Deletes a subscription; deliveries of it stop. 404 when it is not the caller's. */
  public void delete(Principal caller, String id) {
    get(caller, id);
    hooks.delete(caller.tenantId(), id);
  }

  /** The webhook's most recent deliveries, newest first. */
  public List<Delivery> deliveries(Principal caller, String id, int limit) {
    get(caller, id);
    return hooks.recentDeliveries(caller.tenantId(), id, limit);
  }

  private Optional<Webhook> find(Principal caller, String id) {
    return hooks.get(caller.tenantId(), id);
  }

  /** A new subscription and its secret, shown only now. */
  public record Created(Webhook webhook, String secret) {}
}
