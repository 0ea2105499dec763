/**
 * Kubernetes Events on the owning ConsumerGroup: the engine's instrumentation, translated to a
 * closed set of reasons, aggregated by count and rate limited per pod. Off outside Kubernetes.
 */
package io.drover.runtime.events;
