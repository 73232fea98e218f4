package io.browsergrid.problem;

import java.util.List;
import java.util.OptionalInt;

/**
 * Why the domain will not do what it was asked, in its own words: which kind of refusal, a detail for the caller, the
 * fields at fault, and when to try again. It knows no protocol; the API layer answers each kind with its problem+json
 * ({@code ProblemException.of}), and other callers (a keeper's top-up, a cleanup pass) act on the kind.
 */
public final class Refusal extends RuntimeException {
  /** Field errors a refusal lists at most; the detail says how many more there were. */
  public static final int MAX_FIELD_ERRORS = 20;
  private static final int MAX_FIELD_NAME = 200;

  /** What kind of no this is. */
  public enum Kind {
    /** The fields named in {@link #errors()} are wrong. */
    INVALID,
    /** No credentials, or ones that are not known. */
    UNAUTHENTICATED,
    /** The caller's role may not do this. */
    FORBIDDEN,
    /** Nothing of that kind and id for this caller. */
    NOT_FOUND,
    /** A name is taken, or the state forbids it. */
    CONFLICT,
    /** A tenant quota is reached; the one field error names the limit. */
    QUOTA_REACHED,
    /** A rate or a capacity is reached for now; try again after {@link #retryAfterSeconds()}. */
    LIMIT_REACHED,
    /** A dependency (the store, the provider) cannot answer now; try again after {@link #retryAfterSeconds()}. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final List<FieldError> errors;
  private final OptionalInt retryAfterSeconds;

  private Refusal(Kind kind, String detail, List<FieldError> errors, OptionalInt retryAfterSeconds) {
    super(detail);
    this.kind = kind;
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Kind kind() {
    return kind;
  }

  /** What the caller is told. */
  public String detail() {
    return getMessage();
  }

  /** The fields at fault (at most {@link #MAX_FIELD_ERRORS}); empty for kinds that name none. */
  public List<FieldError> errors() {
    return errors;
  }

  /** When a {@link Kind#LIMIT_REACHED} or {@link Kind#UNAVAILABLE} caller may try again; empty for other kinds. */
  public OptionalInt retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The fields named in {@code errors} are wrong (at least one). */
  public static Refusal invalid(List<FieldError> errors) {
    // a hostile body of a million unknown fields must not get a problem bigger than itself back
    List<FieldError> shown = errors.stream().limit(MAX_FIELD_ERRORS).map(Refusal::bounded).toList();
    String more = errors.size() > shown.size() ? " and " + (errors.size() - shown.size()) + " more" : "";
    String detail = errors.size() == 1
        ? shown.get(0).field() + ": " + shown.get(0).message()
        : errors.size() + " fields are invalid: " + String.join(", ", shown.stream().map(FieldError::field).toList())
            + more;
    return new Refusal(Kind.INVALID, detail, shown, OptionalInt.empty());
  }

  /** One field is wrong. */
  public static Refusal invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static Refusal unauthenticated(String detail) {
    return new Refusal(Kind.UNAUTHENTICATED, detail, List.of(), OptionalInt.empty());
  }

  public static Refusal forbidden(String detail) {
    return new Refusal(Kind.FORBIDDEN, detail, List.of(), OptionalInt.empty());
  }

  /** No {@code what} with {@code id} for this caller: the same answer whether it does not exist or is another's. */
  public static Refusal notFound(String what, String id) {
    return new Refusal(Kind.NOT_FOUND, "no " + what + " " + id, List.of(), OptionalInt.empty());
  }

  public static Refusal conflict(String detail) {
    return new Refusal(Kind.CONFLICT, detail, List.of(), OptionalInt.empty());
  }

  /** Tenant quota {@code limit} ({@code maxPools}, say) is reached; the field error names it. */
  public static Refusal quotaReached(String limit, String detail) {
    return new Refusal(Kind.QUOTA_REACHED, detail, List.of(new FieldError(limit, detail)), OptionalInt.empty());
  }

  public static Refusal limitReached(String detail, int retryAfterSeconds) {
    return new Refusal(Kind.LIMIT_REACHED, detail, List.of(), OptionalInt.of(retryAfterSeconds));
  }

  public static Refusal unavailable(String detail, int retryAfterSeconds) {
    return new Refusal(Kind.UNAVAILABLE, detail, List.of(), OptionalInt.of(retryAfterSeconds));
  }

  private static FieldError bounded(FieldError e) {
    return e.field().length() <= MAX_FIELD_NAME ? e
        : new FieldError(e.field().substring(0, MAX_FIELD_NAME - 1) + "…", e.message());
  }
}
