package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One local Kubernetes endpoint in front of two servers: requests for custom resources and CRDs go
 * to the {@link RealApiServer}, requests for core and built-in objects (ConfigMaps, Deployments,
 * Events, Leases, ...) go to the fabric8 mock server, and the discovery roots are merged, so that
 * fabric8 clients, the operator and kubectl all see one cluster. Plain HTTP on loopback, with no
 * authentication: it is for tests and the local sandbox only.
 *
 * <p>HTTP requests, streaming watches and WebSocket watches are forwarded as they are.
 */
public final class ApiFront implements AutoCloseable {

  private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "host",
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");
  private static final Set<String> WEBSOCKET_HANDSHAKE =
      Set.of(
          "sec-websocket-key",
          "sec-websocket-version",
          "sec-websocket-extensions",
          "sec-websocket-protocol");

  private final Vertx vertx;
  private final HttpClient realClient;
  private final HttpClient mockClient;
  private final KubernetesClient realApi;
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final InjectedFaults faults = new InjectedFaults();
  private HttpServer server;

  private ApiFront(RealApiServer real, KubernetesMockServer mock) {
    this.vertx = Vertx.vertx();
    URI realUrl = URI.create(real.url());
    ClientCertificates certificates = real.certificates();
    this.realClient =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(true)
                .setTrustAll(true)
                .setVerifyHost(false)
                .setKeyCertOptions(
                    new PemKeyCertOptions()
                        .setCertPath(certificates.clientCertificate().toString())
                        .setKeyPath(certificates.clientKey().toString()))
                .setDefaultHost(realUrl.getHost())
                .setDefaultPort(realUrl.getPort())
                .setMaxPoolSize(64));
    URI mockUrl = URI.create(mock.url("/"));
    this.mockClient =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost(mockUrl.getHost())
                .setDefaultPort(mockUrl.getPort())
                .setMaxPoolSize(64));
    this.realApi = real.client();
  }

  /** Starts a front for {@code real} and {@code mock} on a free loopback port. */
  public static ApiFront start(RealApiServer real, KubernetesMockServer mock) {
    ApiFront front = new ApiFront(real, mock);
    try {
      front.server =
          front
              .vertx
              .createHttpServer()
              .requestHandler(front::handle)
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return front;
    } catch (Exception e) {
      front.close();
      throw new IllegalStateException("the API front did not start", e);
    }
  }

  /** The front's base URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** A client configuration for the front, namespace {@code default}. */
  public Config config() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace("default")
        .withRequestTimeout(10_000)
        .build();
  }

  /** A new client of the front; the caller closes it. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  /** Writes a kubeconfig for the front, for kubectl. */
  public Path writeKubeconfig(Path file) {
    try {
      return Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: drover-local, cluster: {server: "%s"}}]
          users: [{name: drover-local, user: {}}]
          contexts: [{name: drover-local, context: {cluster: drover-local, user: drover-local, namespace: default}}]
          current-context: drover-local
          """
              .formatted(url()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Answers the next {@code times} requests with {@code method} on exactly {@code path} with {@code
   * status} and a Kubernetes Status body, as a real server does for a conflict (409) or an overload
   * (429, 503), instead of forwarding them. Returns how many are still to come.
   */
  public IntSupplier failNext(int times, String method, String path, int status) {
    return faults.add(times, method, path, status);
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    Optional<Status> fault = faults.take(request.method().name(), path);
    if (fault.isPresent()) {
      request
          .response()
          .setStatusCode(fault.get().getCode())
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(serialization.asJson(fault.get()));
      return;
    }
    if (path.startsWith("/openapi/v3") && !path.startsWith("/openapi/v3/apis/apiextensions")) {
      openApiV3(request);
      return;
    }
    Upstream upstream = Upstream.of(path);
    if (upstream == Upstream.DISCOVERY) {
      discovery(request);
      return;
    }
    HttpClient client = upstream == Upstream.REAL ? realClient : mockClient;
    if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
      forwardWebSocket(request, client, upstream == Upstream.REAL);
    } else {
      forward(request, client, upstream);
    }
  }

  private void forward(HttpServerRequest request, HttpClient client, Upstream upstream) {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (upstream != Upstream.REAL && contentType != null && contentType.startsWith(PROTOBUF)) {
      request
          .body()
          .onSuccess(body -> forwardAsJson(request, client, body.getBytes()))
          .onFailure(error -> fail(request.response(), error));
      return;
    }
    request.pause();
    client
        .request(
            new RequestOptions()
                .setMethod(request.method())
                .setURI(request.uri())
                .setHeaders(withoutHopByHop(request.headers(), Set.of())))
        .compose(upstreamRequest -> upstreamRequest.send(request))
        .onSuccess(response -> relay(response, request.response()))
        .onFailure(error -> fail(request.response(), error));
  }

  /**
   * kubectl writes built-in objects as protobuf, which the mock cannot read. The one such write a
   * user's first steps make, {@code kubectl create namespace}, is handed on as JSON; any other is
   * answered 415 with a message that says what to do instead.
   */
  private void forwardAsJson(HttpServerRequest request, HttpClient client, byte[] body) {
    Optional<Map<String, Object>> namespace =
        request.method() == HttpMethod.POST && request.path().equals("/api/v1/namespaces")
            ? ProtobufNamespace.read(body)
            : Optional.empty();
    if (namespace.isEmpty()) {
      Status refusal =
          new StatusBuilder()
              .withStatus("Failure")
              .withCode(415)
              .withReason("UnsupportedMediaType")
              .withMessage(
                  "this local cluster stands in for built-in objects with a mock that reads JSON"
                      + " only, and kubectl sent "
                      + request.method()
                      + " "
                      + request.path()
                      + " as protobuf; kubectl apply -f sends JSON")
              .build();
      request
          .response()
          .setStatusCode(415)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(serialization.asJson(refusal));
      return;
    }
    Buffer json = Buffer.buffer(serialization.asJson(namespace.get()));
    MultiMap headers =
        withoutHopByHop(request.headers(), Set.of("content-type", "content-length", "accept"));
    headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
    headers.set(HttpHeaders.ACCEPT, "application/json");
    headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(json.length()));
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(request.uri())
                .setHeaders(headers))
        .compose(upstreamRequest -> upstreamRequest.send(json))
        .onSuccess(
            response -> {
              relay(response, request.response());
              // The mock's answer is JSON whatever it says; kubectl would read it as protobuf.
              // The headers go out with the first byte, which the relay has not written yet.
              request.response().headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
            })
        .onFailure(error -> fail(request.response(), error));
  }

  private static void relay(HttpClientResponse upstream, HttpServerResponse response) {
    response.setStatusCode(upstream.statusCode());
    response.headers().addAll(withoutHopByHop(upstream.headers(), Set.of()));
    if (upstream.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
      response.setChunked(true);
    }
    // A client that goes away (a watch closed, a process stopped) ends the upstream request too.
    response.closeHandler(v -> upstream.request().reset());
    upstream.pipeTo(response);
  }

  private void forwardWebSocket(HttpServerRequest request, HttpClient client, boolean ssl) {
    request.pause();
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setURI(request.uri()).setSsl(ssl);
    withoutHopByHop(request.headers(), WEBSOCKET_HANDSHAKE).forEach(options::addHeader);
    String protocols = request.getHeader("sec-websocket-protocol");
    if (protocols != null) {
      options.setSubProtocols(List.of(protocols.split("\\s*,\\s*")));
    }
    client
        .webSocket(options)
        .onSuccess(
            upstream -> {
              // Hold the upstream's frames until the client's side is accepted and spliced.
              upstream.pause();
              request
                  .toWebSocket()
                  .onSuccess(downstream -> splice(downstream, upstream))
                  .onFailure(error -> upstream.close());
            })
        .onFailure(error -> fail(request.response(), error));
  }

  private static void splice(io.vertx.core.http.ServerWebSocket downstream, WebSocket upstream) {
    downstream.frameHandler(upstream::writeFrame);
    upstream.frameHandler(downstream::writeFrame);
    downstream.closeHandler(v -> upstream.close());
    upstream.closeHandler(v -> downstream.close());
    upstream.resume();
  }

  private void discovery(HttpServerRequest request) {
    String path = request.path();
    if (path.equals("/api")) {
      json(request.response(), CoreDiscovery.coreVersions());
    } else if (path.equals("/apis")) {
      vertx
          .<List<APIGroup>>executeBlocking(this::realGroups, false)
          .onSuccess(groups -> json(request.response(), CoreDiscovery.groups(groups)))
          .onFailure(error -> fail(request.response(), error));
    } else {
      Object document =
          CoreDiscovery.resourceList(path)
              .map(Object.class::cast)
              .or(() -> CoreDiscovery.builtInGroup(path))
              .orElseThrow();
      json(request.response(), document);
    }
  }

  /**
   * The real server's OpenAPI v3, with the custom resource groups it leaves out; its own documents
   * are forwarded.
   */
  private void openApiV3(HttpServerRequest request) {
    String path = request.path();
    vertx
        .<Optional<Object>>executeBlocking(
            () -> {
              List<CustomResourceDefinition> crds =
                  realApi.apiextensions().v1().customResourceDefinitions().list().getItems();
              if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> realIndex =
                    serialization.unmarshal(
                        realApi.raw(realApi.getMasterUrl() + "openapi/v3"), Map.class);
                return Optional.of(CustomResourceOpenApi.index(realIndex, crds));
              }
              return CustomResourceOpenApi.document(path, crds).map(Object.class::cast);
            },
            false)
        .onSuccess(
            document -> {
              if (document.isPresent()) {
                json(request.response(), document.get());
              } else {
                forward(request, realClient, Upstream.REAL); // the server's own documents
              }
            })
        .onFailure(error -> fail(request.response(), error));
  }

  /** The real server has no {@code /apis} root: its groups are read from its CRDs. */
  private List<APIGroup> realGroups() {
    Map<String, List<String>> versions = new TreeMap<>();
    versions.put("apiextensions.k8s.io", List.of("v1"));
    for (CustomResourceDefinition crd :
        realApi.apiextensions().v1().customResourceDefinitions().list().getItems()) {
      versions.put(
          crd.getSpec().getGroup(),
          crd.getSpec().getVersions().stream()
              .filter(CustomResourceDefinitionVersion::getServed)
              .map(CustomResourceDefinitionVersion::getName)
              .toList());
    }
    List<APIGroup> groups = new ArrayList<>();
    versions.forEach(
        (group, served) -> {
          List<GroupVersionForDiscovery> list =
              served.stream().map(v -> new GroupVersionForDiscovery(group + "/" + v, v)).toList();
          if (!list.isEmpty()) {
            groups.add(
                new APIGroupBuilder()
                    .withName(group)
                    .withVersions(list)
                    .withPreferredVersion(list.get(0))
                    .build());
          }
        });
    return groups;
  }

  private void json(HttpServerResponse response, Object document) {
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(serialization.asJson(document));
  }

  private static void fail(HttpServerResponse response, Throwable error) {
    if (!response.headWritten()) {
      response
          .setStatusCode(502)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
          .end("drover api front: upstream failed: " + error);
    } else {
      response.reset();
    }
  }

  private static MultiMap withoutHopByHop(MultiMap headers, Set<String> alsoDrop) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(
        (name, value) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!HOP_BY_HOP.contains(lower) && !alsoDrop.contains(lower)) {
            copy.add(name, value);
          }
        });
    return copy;
  }

  @Override
  public void close() {
    realApi.close();
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
