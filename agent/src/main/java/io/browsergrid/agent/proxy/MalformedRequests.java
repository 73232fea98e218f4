package io.browsergrid.agent.proxy;

import io.browsergrid.http.ProblemException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Optional;

/**
 * What is wrong with a request Netty could not decode or whose URI cannot be read: a problem to answer with (then
 * close), never a dropped connection or a 404 for a path nobody sent. Both edges (the standalone server and the
 * browser's agent) decode with {@link #MAX_LINE} and {@link #MAX_HEADERS} and ask it first.
 */
public final class MalformedRequests {
  public static final int MAX_LINE = 8192;
  public static final int MAX_HEADERS = 16384;

  private MalformedRequests() {}

  /** The problem, or empty for a request that can be served. */
  public static Optional<ProblemException> problem(FullHttpRequest request) {
    DecoderResult result = request.decoderResult();
    if (result.isFailure()) {
      Throwable cause = result.cause();
      if (cause instanceof TooLongHttpLineException) {
        return Optional.of(ProblemException.uriTooLong(MAX_LINE));
      }
      if (cause instanceof TooLongHttpHeaderException) {
        return Optional.of(ProblemException.headersTooLarge(MAX_HEADERS));
      }
      return Optional.of(ProblemException.malformed("request", "the request line or a header cannot be read"));
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    try {
      uri.path();
    } catch (IllegalArgumentException e) {
      return Optional.of(ProblemException.malformed("path", "the path has a malformed percent-escape"));
    }
    try {
      uri.parameters();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(ProblemException.malformed("query", "the query has a malformed percent-escape"));
    }
  }
}
