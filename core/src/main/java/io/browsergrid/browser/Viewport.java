package io.browsergrid.browser;

/** Window size in CSS pixels; each side 100..7680. */
public record Viewport(int width, int height) {}
