package io.browsergrid.aws.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.browsergrid.aws.local.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process a cold-start measurement spawns: makes the handler named by {@code args[0]} (a public no-argument
 * {@link RequestStreamHandler}: {@link FloorHandler} or SCF's {@code FunctionInvoker}), feeds it the event file
 * {@code args[1]} once, prints {@value #MARKER} and the answer as one stdout line, and exits.
 */
public final class InvokeOnce {
  static final String MARKER = "BENCH-RESPONSE ";

  private InvokeOnce() {}

  public static void main(String[] args) throws Exception {
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, new LocalLambdaContext("api"));
    System.out.println(MARKER + out.toString(StandardCharsets.UTF_8).replace('\n', ' '));
    System.out.flush();
    // a Lambda instance is frozen, not ended; System.exit also writes an -XX:ArchiveClassesAtExit archive
    System.exit(0);
  }
}
