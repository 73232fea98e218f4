package io.browsergrid.standalone.http;

import io.browsergrid.agent.proxy.MalformedRequests;
import io.browsergrid.agent.CdpEndpoint;
import io.browsergrid.agent.proxy.CdpRelay;
import io.browsergrid.agent.proxy.RelayListener;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.api.CdpGateway;
import io.browsergrid.api.CdpTarget;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.ProblemException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's requests, strictly one at a time: API calls run on the blocking pool and answer on the event loop;
 * requests a client pipelined (decoded from one read while one was served) wait here and are answered in order, and
 * the socket is read again only once the last answer has been written out, so a client that never reads stops being
 * read (the request timeout is {@link io.browsergrid.agent.proxy.RequestDeadline}'s, before this in the pipeline).
 * CDP upgrades are authorised on the blocking pool and then handed to the {@link CdpRelay}.
 */
final class HttpEdgeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final ApiHandler api;
  private final CdpGateway cdp;
  private final CdpRelay relay;
  private final ExecutorService blocking;
  private final ArrayDeque<FullHttpRequest> pipelined = new ArrayDeque<>();
  private boolean busy;
  private boolean upgraded;

  HttpEdgeHandler(ApiHandler api, CdpGateway cdp, CdpRelay relay, ExecutorService blocking) {
    super(false);
    this.api = api;
    this.cdp = cdp;
    this.relay = relay;
    this.blocking = blocking;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    pipelined.forEach(FullHttpRequest::release);
    pipelined.clear();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    // an upgrade hands the connection to the relay: nothing of HTTP's may linger
    pipelined.forEach(FullHttpRequest::release);
    pipelined.clear();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    ctx.channel().config().setAutoRead(false);
    if (busy) {
      pipelined.add(request);
      return;
    }
    serve(ctx, request);
  }

  /** Serves {@code request} and releases it; the connection is busy until its answer is written. */
  private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
    busy = true;
    try {
      Optional<ProblemException> malformed = MalformedRequests.problem(request);
      if (malformed.isPresent()) {
        // the decoder reads nothing more on this connection after a failure: answer and close
        answer(ctx, api.failure(malformed.get(), ApiHandler.requestId(Requests.headersOnly(request))), false);
        return;
      }
      HttpRequest core = Requests.core(request);
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (CdpRelay.isWebSocketUpgrade(request) && CdpGateway.serves(core.path())) {
        upgraded = true;
        FullHttpRequest upgrade = request.retainedDuplicate();
        blocking.execute(() -> upgrade(ctx, core, upgrade));
      } else {
        blocking.execute(() -> answer(ctx, api.handle(core), keepAlive));
      }
    } catch (RejectedExecutionException shuttingDown) {
      ctx.close();
    } catch (RuntimeException unexpected) {
      // a request nothing above foresaw still gets its answer (a problem), never a dropped connection
      answer(ctx, api.failure(unexpected, ApiHandler.requestId(Requests.headersOnly(request))), false);
    } finally {
      request.release();
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

  private void answer(ChannelHandlerContext ctx, HttpResponse response, boolean keepAlive) {
    ctx.executor().execute(() -> {
      if (!keepAlive) {
        ctx.writeAndFlush(Responses.netty(response, false)).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      // the next request is read only once this answer is out: a client that does not read is not read either
      ctx.writeAndFlush(Responses.netty(response, true)).addListener(written -> {
        if (!written.isSuccess()) {
          ctx.close();
          return;
        }
        busy = false;
        FullHttpRequest next = pipelined.poll();
        if (next != null) {
          serve(ctx, next);
        } else if (!upgraded) {
          ctx.channel().config().setAutoRead(true);
        }
      });
    });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
