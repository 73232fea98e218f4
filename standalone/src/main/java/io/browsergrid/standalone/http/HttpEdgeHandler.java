package io.browsergrid.standalone.http;

import io.browsergrid.agent.CdpEndpoint;
import io.browsergrid.agent.proxy.CdpRelay;
import io.browsergrid.agent.proxy.RelayListener;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.api.CdpGateway;
import io.browsergrid.api.CdpTarget;
import io.browsergrid.api.HttpRequest;
import io.browsergrid.api.HttpResponse;
import io.browsergrid.problem.ProblemException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's requests: API calls run on the blocking pool and answer on the event loop, one at a time (reads
 * pause while a request is served, so pipelined requests keep their order); CDP upgrades are authorised on the
 * blocking pool and then handed to the {@link CdpRelay}.
 */
final class HttpEdgeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final ApiHandler api;
  private final CdpGateway cdp;
  private final CdpRelay relay;
  private final ExecutorService blocking;

  HttpEdgeHandler(ApiHandler api, CdpGateway cdp, CdpRelay relay, ExecutorService blocking) {
    this.api = api;
    this.cdp = cdp;
    this.relay = relay;
    this.blocking = blocking;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    Optional<ProblemException> malformed = MalformedRequests.problem(request);
    if (malformed.isPresent()) {
      // the decoder reads nothing more on this connection after a failure: answer and close
      ctx.channel().config().setAutoRead(false);
      answer(ctx, api.failure(malformed.get(), ApiHandler.requestId(Requests.headersOnly(request))), false);
      return;
    }
    HttpRequest core = Requests.core(request);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    ctx.channel().config().setAutoRead(false);
    try {
      if (CdpRelay.isWebSocketUpgrade(request) && CdpGateway.serves(core.path())) {
        FullHttpRequest upgrade = request.retainedDuplicate();
        blocking.execute(() -> upgrade(ctx, core, upgrade));
      } else {
        blocking.execute(() -> answer(ctx, api.handle(core), keepAlive));
      }
    } catch (RejectedExecutionException shuttingDown) {
      ctx.close();
    }
  }

  private void upgrade(ChannelHandlerContext ctx, HttpRequest core, FullHttpRequest upgrade) {
    CdpTarget target;
    try {
      target = cdp.authorize(core);
    } catch (Exception refused) {
      upgrade.release();
      answer(ctx, api.failure(refused, ApiHandler.requestId(core)), false);
      return;
    }
    ctx.executor().execute(() -> {
      try {
        relay.relay(ctx, upgrade, CdpEndpoint.parse(target.browserEndpoint()), new RelayListener() {
          private boolean opened;

          @Override
          public void opened() {
            opened = true;
            cdp.opened(target);
          }

          @Override
          public void activity() {
            // idle timeouts count connected clients, not traffic: nothing to do per frame
          }

          @Override
          public void closed() {
            if (opened || target.endsWithClient()) {
              cdp.closed(target);
            }
          }
        });
      } finally {
        upgrade.release();
      }
    });
  }

  private static void answer(ChannelHandlerContext ctx, HttpResponse response, boolean keepAlive) {
    ctx.executor().execute(() -> {
      if (keepAlive) {
        ctx.writeAndFlush(Responses.netty(response, true));
        ctx.channel().config().setAutoRead(true);
      } else {
        ctx.writeAndFlush(Responses.netty(response, false)).addListener(ChannelFutureListener.CLOSE);
      }
    });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
