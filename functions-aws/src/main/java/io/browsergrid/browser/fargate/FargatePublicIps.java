package io.browsergrid.browser.fargate;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAssociation;

/**
 * A task's public IP: ECS reports only the private one, the public one is on the network interface's association,
 * which {@code DescribeNetworkInterfaces} returns.
 */
final class FargatePublicIps {
  private final Ec2Client ec2;
  private final FargateCalls calls;

  FargatePublicIps(Ec2Client ec2, FargateCalls calls) {
    this.ec2 = Objects.requireNonNull(ec2, "ec2 (needed for usePublicIp)");
    this.calls = calls;
  }

  /** The public IP of network interface {@code eniId}, empty when it has none. */
  Optional<String> of(String eniId) {
    return calls.call("EC2 DescribeNetworkInterfaces",
            () -> ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eniId)))
        .networkInterfaces().stream()
        .map(NetworkInterface::association)
        .filter(Objects::nonNull)
        .map(NetworkInterfaceAssociation::publicIp)
        .filter(Objects::nonNull)
        .findFirst();
  }
}
