package io.browsergrid.problem;

/**
 * One thing wrong with a request, for the {@code errors} list of a problem.
 *
 * @param field   the field's path ({@code browser.viewport.width}, {@code args[3]}, {@code body}, {@code id})
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {}
