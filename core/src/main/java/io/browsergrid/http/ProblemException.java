package io.browsergrid.http;

import io.browsergrid.problem.FieldError;
import io.browsergrid.problem.Refusal;

import java.util.List;
import java.util.Map;

/**
 * A request that cannot be served, carrying the RFC 9457 problem the API answers with: what the HTTP layer throws
 * (a request it cannot read, a route that does not exist) and what a domain {@link Refusal} becomes there
 * ({@link #of}). The router turns it into {@code application/problem+json}.
 */
public class ProblemException extends RuntimeException {
  /** Field errors a problem lists at most; the detail says how many more there were. */
  public static final int MAX_FIELD_ERRORS = Refusal.MAX_FIELD_ERRORS;
  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, String> headers;

  public ProblemException(int status, String type, String title, String detail, List<FieldError> errors,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** Extra response headers, such as {@code Retry-After} or {@code Allow}. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The problem the API answers {@code refusal} with: its kind's status, type and title, its detail and fields. */
  public static ProblemException of(Refusal refusal) {
    Map<String, String> retry = refusal.retryAfterSeconds().isPresent()
        ? Map.of("Retry-After", Integer.toString(refusal.retryAfterSeconds().getAsInt())) : Map.of();
    return switch (refusal.kind()) {
      case INVALID -> new ProblemException(400, "/problems/validation", "Invalid request", refusal.detail(),
          refusal.errors(), Map.of());
      case UNAUTHENTICATED -> new ProblemException(401, "/problems/unauthorized", "Unauthorized", refusal.detail(),
          List.of(), Map.of("WWW-Authenticate", "Bearer"));
      case FORBIDDEN -> new ProblemException(403, "/problems/forbidden", "Forbidden", refusal.detail(), List.of(),
          Map.of());
      case NOT_FOUND -> new ProblemException(404, "/problems/not-found", "Not found", refusal.detail(), List.of(),
          Map.of());
      case CONFLICT -> new ProblemException(409, "/problems/conflict", "Conflict", refusal.detail(), List.of(),
          Map.of());
      case QUOTA_REACHED -> new ProblemException(409, "/problems/quota-reached", "Quota reached", refusal.detail(),
          refusal.errors(), Map.of());
      case LIMIT_REACHED -> new ProblemException(429, "/problems/limit-reached", "Limit reached", refusal.detail(),
          List.of(), retry);
      case UNAVAILABLE -> new ProblemException(503, "/problems/unavailable", "Service unavailable", refusal.detail(),
          List.of(), retry);
    };
  }

  /** 400: the fields named in {@code errors} are wrong. */
  public static ProblemException invalid(List<FieldError> errors) {
    return of(Refusal.invalid(errors));
  }

  /** 400 for one field. */
  public static ProblemException invalid(String field, String message) {
    return of(Refusal.invalid(field, message));
  }

  /** 401: no key, or one that is not known. */
  public static ProblemException unauthorized(String detail) {
    return of(Refusal.unauthenticated(detail));
  }

  /** 404: nothing of that kind and id for this tenant. */
  public static ProblemException notFound(String what, String id) {
    return of(Refusal.notFound(what, id));
  }

  /** 404 for a path no route serves. */
  public static ProblemException noRoute(String path) {
    return new ProblemException(404, "/problems/not-found", "Not found", "no route for " + path, List.of(), Map.of());
  }

  /** 405: the path exists, the method does not. */
  public static ProblemException methodNotAllowed(String method, String allow) {
    return new ProblemException(405, "/problems/method-not-allowed", "Method not allowed",
        method + " is not served here; allowed: " + allow, List.of(), Map.of("Allow", allow));
  }

  /** 400: the request itself (its line, URI or headers) could not be read; {@code detail} says which part. */
  public static ProblemException malformed(String field, String detail) {
    return new ProblemException(400, "/problems/malformed-request", "Malformed request", detail,
        List.of(new FieldError(field, detail)), Map.of());
  }

  /** 414: the request line is over {@code limitBytes}. */
  public static ProblemException uriTooLong(int limitBytes) {
    return new ProblemException(414, "/problems/uri-too-long", "Request line too long",
        "the request line is over " + limitBytes + " bytes", List.of(new FieldError("uri", "over " + limitBytes
            + " bytes")), Map.of());
  }

  /** 431: the headers are over {@code limitBytes} together. */
  public static ProblemException headersTooLarge(int limitBytes) {
    return new ProblemException(431, "/problems/headers-too-large", "Request headers too large",
        "the headers are over " + limitBytes + " bytes", List.of(new FieldError("headers", "over " + limitBytes
            + " bytes")), Map.of());
  }

  /** 417: the request's {@code Expect} header asks for something other than {@code 100-continue}. */
  public static ProblemException expectationFailed(String expected) {
    return new ProblemException(417, "/problems/expectation-failed", "Expectation failed",
        "only Expect: 100-continue can be met, not " + expected,
        List.of(new FieldError("Expect", "must be 100-continue")), Map.of());
  }

  /** 413: the body is over the limit. */
  public static ProblemException tooLarge(int limitBytes) {
    return new ProblemException(413, "/problems/too-large", "Request body too large",
        "the body is over " + limitBytes + " bytes", List.of(new FieldError("body", "over " + limitBytes + " bytes")),
        Map.of());
  }

  /** 503: a dependency is down; retry after {@code retryAfterSeconds}. */
  public static ProblemException unavailable(String detail, int retryAfterSeconds) {
    return of(Refusal.unavailable(detail, retryAfterSeconds));
  }
}
