/**
 * The Drover consumer engine: Karafka's error semantics on kafka-clients.
 *
 * <p>Start with {@link io.drover.engine.Engine} and {@link io.drover.engine.BaseConsumer}.
 */
package io.drover.engine;
