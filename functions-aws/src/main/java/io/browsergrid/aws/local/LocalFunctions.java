package io.browsergrid.aws.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The deployable's functions as Lambda runs them, on this machine: each event goes to an instance of its function
 * (the real {@link FunctionInvoker} with its own Spring context, made on first need, as a cold start), one event at a
 * time per instance, up to {@code instancesPerFunction} instances of a function at once, as Lambda scales out.
 */
public final class LocalFunctions implements AutoCloseable {
  private final int instancesPerFunction;
  private final Map<String, Instances> functions = new ConcurrentHashMap<>();
  private final List<ConfigurableApplicationContext> contexts = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, ConfigurableApplicationContext> firstContexts = new ConcurrentHashMap<>();

  private record Instances(Semaphore permits, ConcurrentLinkedQueue<FunctionInvoker> idle) {}

  public LocalFunctions(int instancesPerFunction) {
    this.instancesPerFunction = instancesPerFunction;
  }

  /** Feeds {@code event} to an instance of {@code function} and returns what its handler wrote. */
  public byte[] invoke(String function, byte[] event) {
    Instances instances = functions.computeIfAbsent(function,
        name -> new Instances(new Semaphore(instancesPerFunction), new ConcurrentLinkedQueue<>()));
    instances.permits().acquireUninterruptibly();
    try {
      FunctionInvoker invoker = instances.idle().poll();
      if (invoker == null) {
        invoker = create(function);
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event), out, new LocalLambdaContext(function));
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        instances.idle().add(invoker);
      }
    } finally {
      instances.permits().release();
    }
  }

  /** An instance of {@code function} made its context ({@link LocalAwsApplication} says so); closed with these. */
  void opened(String function, ConfigurableApplicationContext context) {
    contexts.add(context);
    firstContexts.putIfAbsent(function, context);
  }

  /** The first context of {@code function}, for a test that looks at its beans (the function has been invoked). */
  public ConfigurableApplicationContext context(String function) {
    ConfigurableApplicationContext context = firstContexts.get(function);
    if (context == null) {
      throw new IllegalStateException(function + " has not been invoked");
    }
    return context;
  }

  private static FunctionInvoker create(String function) {
    // FunctionInvoker reads the function's name from this property while it starts its context
    synchronized (LocalFunctions.class) {
      System.setProperty("spring.cloud.function.definition", function);
      return new FunctionInvoker();
    }
  }

  /** Closes every instance's context, newest first. */
  @Override
  public void close() {
    List<ConfigurableApplicationContext> open;
    synchronized (contexts) {
      open = new ArrayList<>(contexts);
      contexts.clear();
    }
    firstContexts.clear();
    Collections.reverse(open);
    open.forEach(ConfigurableApplicationContext::close);
    System.clearProperty("spring.cloud.function.definition");
  }
}
