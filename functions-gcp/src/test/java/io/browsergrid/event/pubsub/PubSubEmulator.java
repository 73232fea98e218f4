package io.browsergrid.event.pubsub;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Google's Pub/Sub emulator (in this machine image, with the Cloud SDK), started by the test on a free loopback port
 * and stopped with its process tree; clients reach it over plaintext gRPC without credentials. Fails loudly, never
 * skips, when it is missing.
 */
final class PubSubEmulator implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator");
  private static final Duration START = Duration.ofSeconds(90);

  private final Process process;
  private final StringBuilder output = new StringBuilder();
  private final ManagedChannel channel;

  PubSubEmulator() throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("Google's Pub/Sub emulator is missing: " + BINARY
          + " (the machine image's Cloud SDK brings it; it cannot be installed by the build)");
    }
    int port = freePort();
    process = new ProcessBuilder(BINARY.toString(), "--host=127.0.0.1", "--port=" + port)
        .redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          if (line.contains("Server started")) {
            ready.complete(null);
          }
        }
      } catch (IOException ended) {
        // the emulator stopped
      }
      ready.completeExceptionally(new IOException("the Pub/Sub emulator exited: " + output()));
    }, "pubsub-emulator-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(START.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IOException("the Pub/Sub emulator did not start within " + START + ": " + output(), e);
    }
    channel = ManagedChannelBuilder.forTarget("127.0.0.1:" + port).usePlaintext().build();
  }

  TransportChannelProvider channels() {
    return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
  }

  CredentialsProvider credentials() {
    return NoCredentialsProvider.create();
  }

  TopicAdminClient topics() throws IOException {
    return TopicAdminClient.create(TopicAdminSettings.newBuilder().setTransportChannelProvider(channels())
        .setCredentialsProvider(credentials()).build());
  }

  SubscriptionAdminClient subscriptions() throws IOException {
    return SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
        .setTransportChannelProvider(channels()).setCredentialsProvider(credentials()).build());
  }

  private String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.shutdownNow();
    }
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    tree.forEach(child -> child.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join());
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
