package io.drover.operator;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's settings, from its environment (the Helm chart sets them; docs/operator.md lists
 * them).
 *
 * @param watchNamespaces the namespaces to watch; empty means all
 * @param runtimeImage the image of ConsumerGroups that name none
 * @param leaderElection whether replicas elect one leader through a Lease
 * @param leaseNamespace where the Lease lives; null means the operator's own namespace
 * @param httpPort the port of /healthz, /readyz and /metrics
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    String runtimeImage,
    boolean leaderElection,
    String leaseNamespace,
    int httpPort) {

  /** Comma-separated namespaces; empty or unset watches all. */
  public static final String WATCH_NAMESPACES = "DROVER_WATCH_NAMESPACES";

  /** The default runtime image. */
  public static final String RUNTIME_IMAGE = "DROVER_RUNTIME_IMAGE";

  /** {@code true} or {@code false}. */
  public static final String LEADER_ELECTION = "DROVER_LEADER_ELECTION";

  /** The Lease's namespace. */
  public static final String LEASE_NAMESPACE = "DROVER_LEASE_NAMESPACE";

  /** The HTTP port. */
  public static final String HTTP_PORT = "DROVER_HTTP_PORT";

  /** The Lease's name. */
  public static final String LEASE_NAME = "drover-operator-leader";

  /** Reads and checks the settings; every problem is in the exception's message. */
  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Set<String> namespaces = new TreeSet<>();
    Arrays.stream(env.getOrDefault(WATCH_NAMESPACES, "").split(","))
        .map(String::strip)
        .filter(ns -> !ns.isEmpty())
        .forEach(
            ns -> {
              if (!ns.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                problems.add(WATCH_NAMESPACES + ": '" + ns + "' is not a namespace name");
              }
              namespaces.add(ns);
            });
    String image = env.getOrDefault(RUNTIME_IMAGE, "").strip();
    if (image.isEmpty()) {
      image = builtInRuntimeImage();
    }
    String election = env.getOrDefault(LEADER_ELECTION, "false").strip();
    if (!election.equals("true") && !election.equals("false")) {
      problems.add(LEADER_ELECTION + ": '" + election + "' must be true or false");
    }
    int port = 8080;
    String portText = env.getOrDefault(HTTP_PORT, "8080").strip();
    try {
      port = Integer.parseInt(portText);
      if (port < 1 || port > 65535) {
        problems.add(HTTP_PORT + ": " + port + " is not a port (1-65535)");
      }
    } catch (NumberFormatException e) {
      problems.add(HTTP_PORT + ": '" + portText + "' is not a number");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    String leaseNamespace = env.get(LEASE_NAMESPACE);
    return new OperatorSettings(
        Set.copyOf(namespaces),
        image,
        election.equals("true"),
        leaseNamespace == null || leaseNamespace.isBlank() ? null : leaseNamespace.strip(),
        port);
  }

  /** The runtime image of this operator's own release, set at build time. */
  static String builtInRuntimeImage() {
    try (InputStream in = OperatorSettings.class.getResourceAsStream("operator.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("runtime.image");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("operator.properties is missing from the operator jar", e);
    }
  }
}
