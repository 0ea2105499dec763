package io.drover.engine.resources;

/**
 * Work done with a resource's connection.
 *
 * @param <C> the connection type
 * @param <T> the result type
 */
@FunctionalInterface
public interface ResourceCall<C, T> {

  /** Does the work. */
  T call(C connection) throws Exception;
}
