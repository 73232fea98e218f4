package io.browsergrid.session;

import io.browsergrid.store.InMemoryKeyValueStore;
import io.browsergrid.store.KeyValueStore;

/** 2,000 live sessions on the in-memory store: the contract every store runs, engine-free. */
class InMemoryLiveSessionsAtScaleTest extends LiveSessionsAtScaleContract {
  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();

  @Override
  protected KeyValueStore store() {
    return store;
  }
}
