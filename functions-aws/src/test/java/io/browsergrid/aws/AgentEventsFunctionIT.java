package io.browsergrid.aws;

import io.browsergrid.event.EventIds;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browsergrid.BrowserGridCore;
import io.browsergrid.auth.Tenant;
import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import io.browsergrid.event.Event;
import io.browsergrid.event.Outbox;
import io.browsergrid.event.OutboxEntry;
import io.browsergrid.event.sqs.SqsEventQueue;
import io.browsergrid.pool.PoolBrowser;
import io.browsergrid.session.AgentSignatures;
import io.browsergrid.session.Session;
import io.browsergrid.session.SessionEvents;
import io.browsergrid.session.SessionIds;
import io.browsergrid.session.SessionRepository;
import io.browsergrid.session.SessionStatus;
import io.browsergrid.session.StoredSessionActivity;
import io.browsergrid.session.Transition;
import io.browsergrid.store.dynamodb.DynamoDbKeyValueStore;
import io.browsergrid.store.Item;
import io.browsergrid.store.JsonCodec;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Page;
import io.browsergrid.store.Versioned;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code agentEvents} function accepts a callback signed with the session's CDP token (the one in its
 * {@code cdpUrl}, which the browser container holds) and refuses any other; it acts on what a signed one reports
 * ({@code ready}, {@code activity}, {@code exited}) in the store every function shares, so the {@code api} function
 * and the {@code cleanup} function see its effects.
 */
@ExtendWith(LambdaEnvironment.Extension.class)
class AgentEventsFunctionIT {
  private static DynamoDbClient dynamo;
  private static KeyValueStore store;
  private static SessionRepository sessions;

  /** The store as every function sees it, for what only a test does: write a session whose start was cut short. */
  @BeforeAll
  static void openStore(LambdaEnvironment env) {
    dynamo = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build();
    store = new DynamoDbKeyValueStore(dynamo, System.getProperty("BROWSERGRID_TABLE"));
    JsonCodec json = new JsonCodec();
    sessions = new SessionRepository(store, json, new Outbox(store, json, new SqsEventQueue(env.sqs(), env.queueUrl())),
        new SessionEvents(new EventIds(new SecureRandom())));
  }

  @AfterAll
  static void closeStore() {
    if (dynamo != null) {
      dynamo.close();
    }
  }

  @Test
  void aCallbackSignedWithTheSessionsTokenIsAcceptedAndOthersAreNot(LambdaEnvironment env) {
    HttpEvents.Reply created = HttpEvents.reply(env.invoke("api", HttpEvents.request("POST", "/v1/sessions", "{}")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String sessionId = created.json().get("id").asText();
    String cdpUrl = created.json().get("cdpUrl").asText();
    String token = cdpUrl.substring(cdpUrl.indexOf("token=") + "token=".length());
    try {
      AgentSignatures agent = new AgentSignatures(id -> token, Clock.systemUTC());
      String ready = "{\"type\":\"ready\",\"browserId\":\"" + browserOf(sessionId) + "\",\"at\":\"" + Instant.now()
          + "\",\"clients\":0}";
      String exited = ready.replace("\"ready\"", "\"exited\"");
      byte[] body = ready.getBytes(StandardCharsets.UTF_8);
      long now = Instant.now().getEpochSecond();
      String signature = agent.sign(sessionId, now, body);

      assertThat(callback(env, sessionId, now, signature, ready).status()).isEqualTo(202);
      assertThat(callback(env, sessionId, now, signature, exited).status()).isEqualTo(401);
      assertThat(callback(env, sessionId, now - 3600, agent.sign(sessionId, now - 3600, body), ready).status())
          .isEqualTo(401);
      HttpEvents.Reply unsigned = callback(env, sessionId, now, null, ready);
      assertThat(unsigned.status()).isEqualTo(401);
      assertThat(unsigned.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(get(env, sessionId).json().get("status").asText()).as("no forged exited ended it").isEqualTo("running");
    } finally {
      env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + sessionId, null));
    }
  }

  @Test
  void readyMovesASessionWhoseStartWasCutShortToRunning(LambdaEnvironment env) {
    Instant now = Instant.now();
    String id = new SessionIds(new SecureRandom()).next(now);
    BrowserHandle browser = env.browsers().start(new BrowserSpec(id, null, Map.of("session", id)));
    try {
      assertThat(env.browsers().awaitReady(browser, Duration.ofSeconds(30)).phase())
          .isEqualTo(BrowserState.Phase.RUNNING);
      // as a function frozen after writing "starting" leaves it: nobody is waiting for the browser to answer
      Session starting = new Session(id, Tenant.DEFAULT_ID, SessionStatus.STARTING, "default", env.browsers().name(),
          now, null, null, now.plusSeconds(300), 300, 60, null, Map.of(), BrowserOptions.DEFAULT, false,
          browser.browserId(), browser.ref(), null, null,
          List.of(new Transition(SessionStatus.PENDING, now, null), new Transition(SessionStatus.STARTING, now, null)));
      sessions.create(starting, sessions.occupancy(Tenant.DEFAULT_ID));
      assertThat(get(env, id).json().get("status").asText()).isEqualTo("starting");

      assertThat(report(env, id, "ready", browser.browserId(), Instant.now(), 0).status()).isEqualTo(202);
      HttpEvents.Reply running = get(env, id);
      assertThat(running.json().get("status").asText()).as(running.toString()).isEqualTo("running");
      assertThat(running.json().get("cdpUrl").asText()).contains("token=");

      assertThat(report(env, id, "ready", browser.browserId(), Instant.now(), 0).status()).isEqualTo(202);
      assertThat(get(env, id).json().get("status").asText()).isEqualTo("running");
      assertThat(events(id, Event.SESSION_RUNNING)).as("one session.running, however often ready comes").hasSize(1);
    } finally {
      env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + id, null));
      env.browsers().stop(browser);
    }
  }

  @Test
  void exitedEndsTheSessionAsFailedWithItsEventInTheOutbox(LambdaEnvironment env) {
    String id = create(env, "{}");
    try {
      String browserId = browserOf(id);

      assertThat(report(env, id, "exited", browserId, Instant.now(), 0).status()).isEqualTo(202);
      HttpEvents.Reply ended = get(env, id);
      assertThat(ended.json().get("status").asText()).as(ended.toString()).isEqualTo("failed");
      assertThat(ended.json().get("endReason").asText()).isEqualTo("failed");
      assertThat(events(id, Event.SESSION_FAILED)).hasSize(1);
      assertThat(env.browsers().list()).extracting(BrowserHandle::browserId).doesNotContain(browserId);

      assertThat(report(env, id, "exited", browserId, Instant.now(), 0).status()).isEqualTo(202);
      assertThat(get(env, id).json().get("status").asText()).isEqualTo("failed");
      assertThat(events(id, Event.SESSION_FAILED)).as("ended once").hasSize(1);
    } finally {
      env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + id, null));
    }
  }

  @Test
  void noClientsSinceLongerThanTheIdleTimeoutLetsCleanupEndTheSessionAsIdle(LambdaEnvironment env) throws IOException {
    String id = create(env, "{\"timeoutSeconds\": 3600, \"idleTimeoutSeconds\": 600}");
    try {
      String browserId = browserOf(id);
      cleanup(env);
      assertThat(get(env, id).json().get("status").asText()).as("started just now").isEqualTo("running");

      // the last client left two hours ago, by the agent's report (time is the agent's, so no waiting)
      Instant left = Instant.now().minus(Duration.ofHours(2));
      assertThat(report(env, id, "activity", browserId, left, 0).status()).isEqualTo(202);
      cleanup(env);

      HttpEvents.Reply ended = get(env, id);
      assertThat(ended.json().get("status").asText()).as(ended.toString()).isEqualTo("stopped");
      assertThat(ended.json().get("endReason").asText()).isEqualTo("idle");
      assertThat(events(id, Event.SESSION_STOPPED)).hasSize(1);
    } finally {
      env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + id, null));
    }
  }

  @Test
  void anActivityReportOlderThanTheLastOneIsIgnored(LambdaEnvironment env) throws IOException {
    String id = create(env, "{\"timeoutSeconds\": 3600, \"idleTimeoutSeconds\": 600}");
    try {
      String browserId = browserOf(id);
      Instant connected = Instant.now().minus(Duration.ofHours(1));

      assertThat(report(env, id, "activity", browserId, connected, 1).status()).isEqualTo(202);
      // a report from before the client connected, delivered late: were it taken, the session would look idle
      assertThat(report(env, id, "activity", browserId, connected.minus(Duration.ofHours(1)), 0).status())
          .isEqualTo(202);
      cleanup(env);
      assertThat(get(env, id).json().get("status").asText()).as("one client is connected").isEqualTo("running");

      assertThat(report(env, id, "activity", browserId, connected.plusSeconds(1), 0).status()).isEqualTo(202);
      cleanup(env);
      assertThat(get(env, id).json().get("endReason").asText()).as("the newer report counts").isEqualTo("idle");
    } finally {
      env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + id, null));
    }
  }

  @Test
  void anActivityTimeAheadOfTheClockCountsAsNowAndDoesNotShadowTheReportsAfterIt(LambdaEnvironment env) {
    String id = create(env, "{\"timeoutSeconds\": 3600, \"idleTimeoutSeconds\": 600}");
    try {
      String browserId = browserOf(id);
      StoredSessionActivity activity = new StoredSessionActivity(store, new JsonCodec(), Clock.systemUTC());
      Instant before = Instant.now();

      // an agent whose clock runs a day ahead
      assertThat(report(env, id, "activity", browserId, before.plus(Duration.ofDays(1)), 1).status()).isEqualTo(202);
      Instant after = Instant.now();
      assertThat(activity.clients(id)).hasValueSatisfying(c -> assertThat(c.lastChange()).isBetween(before, after));

      assertThat(report(env, id, "activity", browserId, after.plusSeconds(1), 0).status()).isEqualTo(202);
      assertThat(activity.clients(id)).hasValueSatisfying(c -> assertThat(c.connected()).isZero());
    } finally {
      env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + id, null));
    }
  }

  @Test
  void aWarmBrowsersAgentReportsUnderItsBrowserIdForTheSessionThatClaimedIt(LambdaEnvironment env)
      throws Exception {
    assertThat(HttpEvents.reply(env.invoke("api", HttpEvents.request("PUT", "/v1/pools/agents",
        "{\"minIdle\": 1, \"maxSessions\": 2}"))).status()).isEqualTo(200);
    String id = null;
    try {
      cleanup(env);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (HttpEvents.reply(env.invoke("api", HttpEvents.request("GET", "/v1/pools/agents", null))).json()
          .get("idle").asInt() < 1) {
        assertThat(System.nanoTime()).as("the pool's browser to be idle").isLessThan(deadline);
        Thread.sleep(50);
      }
      // the api and cleanup functions each tend the pool: both may start one, so it may hold a spare
      List<String> warm = env.browsers().list().stream().map(BrowserHandle::browserId).filter(PoolBrowser::isId)
          .toList();
      String idle = warm.get(0);
      // before a claim the warm browser belongs to no session: its reports change nothing and are not refused
      assertThat(report(env, idle, "activity", idle, Instant.now(), 0).status()).isEqualTo(202);

      id = create(env, "{\"pool\": \"agents\"}");
      String browserId = browserOf(id);
      assertThat(browserId).as("a warm claim").isIn(warm);

      assertThat(report(env, browserId, "exited", browserId, Instant.now(), 0).status()).isEqualTo(202);
      HttpEvents.Reply ended = get(env, id);
      assertThat(ended.json().get("status").asText()).as(ended.toString()).isEqualTo("failed");
      assertThat(events(id, Event.SESSION_FAILED)).hasSize(1);
      // signed with another browser's token: refused
      assertThat(signedAs(env, "pb-0000000000000000", browserId, "{\"type\":\"exited\",\"browserId\":\""
          + browserId + "\",\"at\":\"" + Instant.now() + "\",\"clients\":0}").status()).isEqualTo(401);
    } finally {
      if (id != null) {
        env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + id, null));
      }
      env.invoke("api", HttpEvents.request("DELETE", "/v1/pools/agents", null));
    }
  }

  @Test
  void aReportAboutAnotherBrowserIsRefusedAndChangesNothing(LambdaEnvironment env) {
    String id = create(env, "{}");
    try {
      HttpEvents.Reply refused = report(env, id, "exited", "some-other-browser", Instant.now(), 0);

      assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
      assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(get(env, id).json().get("status").asText()).isEqualTo("running");
    } finally {
      env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + id, null));
    }
  }

  @Test
  void aMalformedReportIsRefusedNamingTheFieldAndAnUnknownSessionIsNotFound(LambdaEnvironment env) {
    String id = create(env, "{}");
    try {
      String browserId = browserOf(id);
      HttpEvents.Reply unknownType = signed(env, id,
          "{\"type\":\"crashed\",\"browserId\":\"" + browserId + "\",\"at\":\"" + Instant.now() + "\",\"clients\":0}");
      assertThat(unknownType.status()).as(unknownType.toString()).isEqualTo(400);
      assertThat(unknownType.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(unknownType.json().get("errors").get(0).get("field").asText()).isEqualTo("type");

      HttpEvents.Reply noTime = signed(env, id, "{\"type\":\"ready\",\"browserId\":\"" + browserId + "\",\"clients\":0}");
      assertThat(noTime.status()).isEqualTo(400);
      assertThat(noTime.json().get("errors").get(0).get("field").asText()).isEqualTo("at");

      assertThat(signed(env, id, "not json").status()).isEqualTo(400);
      assertThat(get(env, id).json().get("status").asText()).isEqualTo("running");

      String nobody = new SessionIds(new SecureRandom()).next(Instant.now());
      HttpEvents.Reply notFound = report(env, nobody, "exited", nobody, Instant.now(), 0);
      assertThat(notFound.status()).as(notFound.toString()).isEqualTo(404);
    } finally {
      env.invoke("api", HttpEvents.request("DELETE", "/v1/sessions/" + id, null));
    }
  }

  /** Creates a session through the {@code api} function and waits (its {@code wait: true}) until it runs. */
  private static String create(LambdaEnvironment env, String body) {
    HttpEvents.Reply created = HttpEvents.reply(env.invoke("api", HttpEvents.request("POST", "/v1/sessions", body)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("status").asText()).as(created.toString()).isEqualTo("running");
    return created.json().get("id").asText();
  }

  private static HttpEvents.Reply get(LambdaEnvironment env, String id) {
    HttpEvents.Reply reply = HttpEvents.reply(env.invoke("api", HttpEvents.request("GET", "/v1/sessions/" + id, null)));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply;
  }

  /** The browser the store records for session {@code id} (the API does not show it). */
  private static String browserOf(String id) {
    return sessions.get(Tenant.DEFAULT_ID, id).orElseThrow().value().browserId();
  }

  private static void cleanup(LambdaEnvironment env) throws IOException {
    try (InputStream event = Events.bytes("scheduled-event.json")) {
      env.invoke("cleanup", event.readAllBytes());
    }
  }

  /** The events of {@code type} about session {@code id} waiting in the default tenant's outbox. */
  private static List<Event> events(String id, String type) {
    JsonCodec json = new JsonCodec();
    List<Event> found = new ArrayList<>();
    String cursor = null;
    do {
      Page page = store.query(Tenant.partition(Tenant.DEFAULT_ID), "outbox:", cursor, 1000);
      for (Item item : page.items()) {
        Event event = json.decode(item, OutboxEntry.class).event();
        if (event.type().equals(type) && id.equals(event.data().get("id"))) {
          found.add(event);
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return found;
  }

  /** An agent's report, as {@code SignedCallbacks} words and signs it. */
  private static HttpEvents.Reply report(LambdaEnvironment env, String sessionId, String type, String browserId,
      Instant at, int clients) {
    return signed(env, sessionId, "{\"type\":\"" + type + "\",\"browserId\":\"" + browserId + "\",\"at\":\"" + at
        + "\",\"clients\":" + clients + "}");
  }

  /** {@code body} sent as agent {@code claimed} but signed with agent {@code signer}'s token. */
  private static HttpEvents.Reply signedAs(LambdaEnvironment env, String signer, String claimed, String body) {
    String token = env.bean("api", BrowserGridCore.class).cdpTokens().token(signer);
    AgentSignatures agent = new AgentSignatures(id -> token, Clock.systemUTC());
    long now = Instant.now().getEpochSecond();
    return callback(env, claimed, now, agent.sign(claimed, now, body.getBytes(StandardCharsets.UTF_8)), body);
  }

  /** {@code body} signed with session {@code sessionId}'s token, as its browser container holds it. */
  private static HttpEvents.Reply signed(LambdaEnvironment env, String sessionId, String body) {
    String token = env.bean("api", BrowserGridCore.class).cdpTokens().token(sessionId);
    AgentSignatures agent = new AgentSignatures(id -> token, Clock.systemUTC());
    long now = Instant.now().getEpochSecond();
    return callback(env, sessionId, now, agent.sign(sessionId, now, body.getBytes(StandardCharsets.UTF_8)), body);
  }

  private static HttpEvents.Reply callback(LambdaEnvironment env, String sessionId, long timestamp, String signature,
      String body) {
    ObjectNode event = (ObjectNode) HttpEvents.read("http-api-v2-request.json");
    event.put("rawPath", "/");
    ((ObjectNode) event.get("requestContext").get("http")).put("method", "POST").put("path", "/");
    ObjectNode headers = (ObjectNode) event.get("headers");
    headers.put(AgentSignatures.SESSION_HEADER, sessionId);
    headers.put(AgentSignatures.TIMESTAMP_HEADER, Long.toString(timestamp));
    if (signature != null) {
      headers.put(AgentSignatures.SIGNATURE_HEADER, signature);
    }
    event.put("body", body).put("isBase64Encoded", false);
    return HttpEvents.reply(env.invoke("agentEvents", HttpEvents.bytes(event)));
  }
}
