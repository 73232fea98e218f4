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
import io.browsergrid.gcp.EmulatorProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Google's Pub/Sub emulator, started by the test ({@link EmulatorProcess}); clients reach it over plaintext gRPC
 * without credentials.
 */
public final class PubSubEmulator implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator");

  private final EmulatorProcess process;
  private final ManagedChannel channel;

  public PubSubEmulator() throws IOException {
    process = new EmulatorProcess("Pub/Sub", BINARY, List.of("--host=127.0.0.1", "--port={port}"), "Server started");
    channel = ManagedChannelBuilder.forTarget(process.host()).usePlaintext().build();
  }

  /** {@code host:port}, as {@code PUBSUB_EMULATOR_HOST} takes it. */
  public String host() {
    return process.host();
  }

  public TransportChannelProvider channels() {
    return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
  }

  public CredentialsProvider credentials() {
    return NoCredentialsProvider.create();
  }

  public TopicAdminClient topics() throws IOException {
    return TopicAdminClient.create(TopicAdminSettings.newBuilder().setTransportChannelProvider(channels())
        .setCredentialsProvider(credentials()).build());
  }

  public SubscriptionAdminClient subscriptions() throws IOException {
    return SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
        .setTransportChannelProvider(channels()).setCredentialsProvider(credentials()).build());
  }

  @Override
  public void close() {
    channel.shutdownNow();
    process.close();
  }
}
