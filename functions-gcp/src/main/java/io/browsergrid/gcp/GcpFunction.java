package io.browsergrid.gcp;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.BrowserGridCore;
import io.browsergrid.serverless.EdgeRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The entry point every deployed function names ({@code --entry-point io.browsergrid.gcp.GcpFunction}): the
 * Functions Framework makes one per instance, which starts {@link GcpApplication} and serves the catalog function
 * that {@code spring.cloud.function.definition} (or {@code SPRING_CLOUD_FUNCTION_DEFINITION}) names, {@code api} by
 * default, with the request's method, path, query, headers and body ({@link FunctionRequests}). A request that
 * cannot be read answers 400 problem+json, as the API answers any bad input.
 */
public final class GcpFunction implements HttpFunction, AutoCloseable {
  /** The property that names the function an instance serves. */
  public static final String DEFINITION = "spring.cloud.function.definition";

  private final ConfigurableApplicationContext context;
  private final Function<io.browsergrid.http.HttpRequest, io.browsergrid.http.HttpResponse> function;
  private final EdgeRequests edge;
  private final FunctionRequests requests = new FunctionRequests();

  /** Called by the Functions Framework: the configuration comes from the environment and system properties. */
  public GcpFunction() {
    this(FunctionalSpringApplication.run(GcpApplication.class));
  }

  @SuppressWarnings("unchecked")
  GcpFunction(ConfigurableApplicationContext context) {
    this.context = context;
    String name = context.getEnvironment().getProperty(DEFINITION, "api");
    Object found = context.getBean(FunctionCatalog.class).lookup(name);
    if (found == null) {
      context.close();
      throw new IllegalArgumentException(DEFINITION + " names no function: " + name
          + " (api, cleanup, deliverWebhooks or agentEvents)");
    }
    this.function = (Function<io.browsergrid.http.HttpRequest, io.browsergrid.http.HttpResponse>) found;
    ApiHandler problems = context.getBean(BrowserGridCore.class).api();
    this.edge = new EdgeRequests(problems);
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    requests.write(edge.serve(() -> {
      try {
        return requests.toCore(request);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, function), response);
  }

  /** Closes the application (its clients); the platform never does, tests and local runs do. */
  @Override
  public void close() {
    context.close();
  }
}
