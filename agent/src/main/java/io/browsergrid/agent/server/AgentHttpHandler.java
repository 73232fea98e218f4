package io.browsergrid.agent.server;

import io.browsergrid.agent.proxy.CdpRelay;
import io.browsergrid.agent.proxy.MalformedRequests;
import io.browsergrid.http.ProblemException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connection's requests to the agent, all {@code GET}:
 * <ul>
 *   <li>{@code /cdp?token=} with a WebSocket upgrade: a wrong or missing token answers 401, a browser that is not
 *       ready 503, otherwise the connection is handed to the {@link CdpRelay};
 *   <li>{@code /json/version} (also with a trailing slash) {@code ?token=}: the browser's version and this agent's
 *       {@code webSocketDebuggerUrl}, for clients that discover the endpoint as with a local Chromium;
 *   <li>{@code /health}: 200 when Chromium answers now, 503 otherwise; no token, so a health check needs no secret.
 * </ul>
 * Anything else answers problem+json (404, 405, 400). One request is served at a time: reading pauses until the
 * answer is written.
 */
final class AgentHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final String CDP = "/cdp";
  private static final String HEALTH = "/health";
  private static final List<String> VERSION = List.of("/json/version", "/json/version/");

  private final TokenCheck tokens;
  private final LocalBrowser browser;
  private final CdpRelay relay;
  private final ClientActivity activity;
  private final PublicUrls urls;
  private final HttpAnswers answers;

  AgentHttpHandler(TokenCheck tokens, LocalBrowser browser, CdpRelay relay, ClientActivity activity, PublicUrls urls,
      HttpAnswers answers) {
    this.tokens = tokens;
    this.browser = browser;
    this.relay = relay;
    this.activity = activity;
    this.urls = urls;
    this.answers = answers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    ctx.channel().config().setAutoRead(false);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    Optional<ProblemException> malformed = MalformedRequests.problem(request);
    if (malformed.isPresent()) {
      // the decoder reads nothing more on this connection after a failure: answer and close
      answers.problem(ctx, malformed.get(), false);
      return;
    }
    QueryStringDecoder query = new QueryStringDecoder(request.uri());
    String path = query.path();
    if (!path.equals(CDP) && !path.equals(HEALTH) && !VERSION.contains(path)) {
      answers.problem(ctx, ProblemException.noRoute(path), keepAlive);
      return;
    }
    if (!HttpMethod.GET.equals(request.method())) {
      answers.problem(ctx, ProblemException.methodNotAllowed(request.method().name(), "GET"), keepAlive);
      return;
    }
    if (path.equals(HEALTH)) {
      health(ctx, keepAlive);
      return;
    }
    if (!tokens.accepts(token(query))) {
      answers.problem(ctx, ProblemException.unauthorized("the token does not match this browser's session"),
          keepAlive && !path.equals(CDP));
      return;
    }
    if (path.equals(CDP)) {
      cdp(ctx, request);
    } else {
      version(ctx, request, token(query), keepAlive);
    }
  }

  private void cdp(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!CdpRelay.isWebSocketUpgrade(request)) {
      answers.problem(ctx, ProblemException.invalid("Upgrade", "GET " + CDP + " must be a WebSocket upgrade"), false);
      return;
    }
    Optional<ChromiumVersion> ready = browser.current();
    if (ready.isEmpty()) {
      answers.problem(ctx, ProblemException.unavailable("the browser is not ready", 1), false);
      return;
    }
    relay.relay(ctx, request, ready.get().cdpEndpoint(), activity.connection());
  }

  private void version(ChannelHandlerContext ctx, FullHttpRequest request, String token, boolean keepAlive) {
    Optional<ChromiumVersion> ready = browser.current();
    if (ready.isEmpty()) {
      answers.problem(ctx, ProblemException.unavailable("the browser is not ready", 1), keepAlive);
      return;
    }
    boolean secure = ctx.pipeline().get(SslHandler.class) != null;
    InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
    String fallbackHost = local.getAddress().getHostAddress().contains(":")
        ? "[" + local.getAddress().getHostAddress() + "]:" + local.getPort()
        : local.getAddress().getHostAddress() + ":" + local.getPort();
    Map<String, String> body = new LinkedHashMap<>();
    body.put("Browser", ready.get().browser());
    body.put("Protocol-Version", ready.get().protocolVersion());
    body.put("webSocketDebuggerUrl",
        urls.cdpUrl(token, secure, request.headers().get(HttpHeaderNames.HOST), fallbackHost));
    answers.json(ctx, HttpResponseStatus.OK, body, keepAlive);
  }

  private void health(ChannelHandlerContext ctx, boolean keepAlive) {
    browser.answers().thenAccept(ok -> ctx.executor().execute(() -> {
      if (ok) {
        answers.json(ctx, HttpResponseStatus.OK, Map.of("status", "ok"), keepAlive);
      } else {
        answers.problem(ctx, ProblemException.unavailable("the browser does not answer", 1), keepAlive);
      }
    }));
  }

  private static String token(QueryStringDecoder query) {
    List<String> values = query.parameters().get("token");
    return values == null || values.size() != 1 ? null : values.get(0);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
