package io.drover.engine.resources;

import java.util.LinkedHashMap;
import java.util.Map;

/** The named resources of a process: looked up by name, checked together, closed together. */
public final class Resources implements AutoCloseable {

  private final Map<String, ManagedResource<?>> byName = new LinkedHashMap<>();

  /** Registers {@code resource}; names are unique. */
  public synchronized <C> ManagedResource<C> register(ManagedResource<C> resource) {
    if (byName.putIfAbsent(resource.name(), resource) != null) {
      throw new IllegalArgumentException("a resource named " + resource.name() + " exists");
    }
    return resource;
  }

  /** Returns the resource named {@code name}, or null. */
  public synchronized ManagedResource<?> get(String name) {
    return byName.get(name);
  }

  /** Returns each resource's health, by name. */
  public synchronized Map<String, Boolean> health() {
    Map<String, Boolean> health = new LinkedHashMap<>();
    byName.forEach((name, resource) -> health.put(name, resource.healthy()));
    return health;
  }

  @Override
  public synchronized void close() {
    byName.values().forEach(ManagedResource::close);
  }
}
