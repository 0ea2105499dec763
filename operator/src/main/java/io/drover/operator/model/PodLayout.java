package io.drover.operator.model;

/** Where things are inside a consumer pod; the ConfigMap and the Deployment must agree on it. */
public final class PodLayout {

  /** The directory the runtime ConfigMap is mounted at. */
  public static final String CONFIG_DIR = "/etc/drover/config";

  /** The ConfigMap key, and file name, of the runtime configuration. */
  public static final String CONFIG_FILE = "runtime.yaml";

  /** The directory the CA certificates Secret is mounted at. */
  public static final String TLS_DIR = "/etc/drover/tls";

  /** The file the CA certificates appear as. */
  public static final String CA_FILE = "ca.crt";

  /** The directory the client certificate's Secret keys are mounted at, for mutual TLS. */
  public static final String CLIENT_CERTIFICATE_DIR = "/etc/drover/kafka-client";

  /** The file the client certificate chain appears as. */
  public static final String CLIENT_CERTIFICATE_FILE = "user.crt";

  /** The file the client certificate's private key appears as. */
  public static final String CLIENT_KEY_FILE = "user.key";

  /** The variable the SASL password arrives in, from the Secret. */
  public static final String SASL_PASSWORD_ENV = "DROVER_SASL_PASSWORD";

  /** The runtime's own variables start with this; users may not set them. */
  public static final String RESERVED_ENV_PREFIX = "DROVER_";

  /** The container's HTTP port when the spec sets none. */
  public static final int DEFAULT_PORT = 8080;

  private PodLayout() {}
}
