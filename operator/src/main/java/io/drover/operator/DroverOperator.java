package io.drover.operator;

import io.drover.operator.events.OperatorEvents;
import io.drover.operator.http.OperatorHttpServer;
import io.drover.operator.metrics.ConsumerGroupGauges;
import io.drover.operator.reconciler.ConsumerGroupReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.AggregatedMetrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The operator, assembled: one controller for ConsumerGroups, JOSDK's Micrometer metrics, and the
 * HTTP port.
 *
 * <p><b>No Server-Side Apply.</b> JOSDK 5 uses SSA by default for dependents and the status patch.
 * The only API server the build can test against, the fabric8 mock, does not implement SSA, so the
 * shipped operator uses the path the tests prove: create, then update when JOSDK's matcher finds
 * that a desired field differs (fields the API server adds are ignored), and a JSON merge patch of
 * the status. The cost is that a field another controller sets on an owned object is overwritten if
 * the operator also sets it; the operator sets only what it owns.
 */
public final class DroverOperator implements AutoCloseable {

  private final Operator operator;
  private final OperatorHttpServer server;

  private DroverOperator(Operator operator, OperatorHttpServer server) {
    this.operator = operator;
    this.server = server;
  }

  /**
   * Starts reconciling with the given client.
   *
   * @throws IOException when the HTTP port cannot be bound
   */
  public static DroverOperator start(KubernetesClient client, OperatorSettings settings)
      throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    ConsumerGroupGauges gauges = new ConsumerGroupGauges(registry);
    Operator operator =
        new Operator(
            overrider -> {
              overrider
                  .withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withMetrics(
                      new AggregatedMetrics(
                          List.of(MicrometerMetrics.withoutPerResourceMetrics(registry), gauges)));
              if (settings.leaderElection()) {
                overrider.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        OperatorSettings.LEASE_NAME, settings.leaseNamespace()));
              }
            });
    ConsumerGroupReconciler reconciler =
        new ConsumerGroupReconciler(
            settings.runtimeImage(),
            new OperatorEvents(client, Clock.systemUTC()),
            gauges,
            Clock.systemUTC());
    operator.register(
        reconciler,
        override -> {
          if (!settings.watchNamespaces().isEmpty()) {
            override.settingNamespaces(settings.watchNamespaces());
          }
        });
    OperatorHttpServer server =
        OperatorHttpServer.start(
            settings.httpPort(),
            Map.of(
                "/healthz",
                () ->
                    OperatorHttpServer.Answer.check(
                        operator.getRuntimeInfo().allEventSourcesAreHealthy()),
                "/readyz",
                () -> OperatorHttpServer.Answer.check(operator.getRuntimeInfo().isStarted()),
                "/metrics",
                () ->
                    new OperatorHttpServer.Answer(
                        200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape())));
    operator.start();
    return new DroverOperator(operator, server);
  }

  /** The HTTP port actually bound. */
  public int httpPort() {
    return server.port();
  }

  @Override
  public void close() {
    operator.stop();
    server.close();
  }
}
