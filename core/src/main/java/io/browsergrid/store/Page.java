package io.browsergrid.store;

import java.util.List;

/**
 * One page of a range query.
 *
 * @param items      the items, ascending by key
 * @param nextCursor when the page is full ({@code limit} items; more may follow), the key of its last item: pass it as
 *                   the next query's cursor to continue after that key. {@code null} when the page is not full, so
 *                   there is no more.
 */
public record Page(List<Item> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }
}
