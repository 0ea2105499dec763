package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** Requests the front answers with an error, as a real server would, instead of forwarding them. */
final class InjectedFaults {

  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  /** Answers the next {@code times} requests matching exactly; returns how many are to come. */
  IntSupplier add(int times, String method, String path, int code) {
    Fault fault = new Fault(method, path, code, new AtomicInteger(times));
    faults.add(fault);
    return fault.remaining()::get;
  }

  /** The answer to this request, if a fault takes it. */
  Optional<Status> take(String method, String path) {
    return faults.stream().filter(f -> f.takes(method, path)).findFirst().map(Fault::answer);
  }

  private record Fault(String method, String path, int code, AtomicInteger remaining) {

    boolean takes(String requestMethod, String requestPath) {
      return method.equals(requestMethod)
          && path.equals(requestPath)
          && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    Status answer() {
      String reason =
          switch (code) {
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
          };
      String message =
          code == 409
              ? "the object has been modified; please apply your changes to the latest version"
                  + " and try again"
              : "injected by the test front";
      return new StatusBuilder()
          .withStatus("Failure")
          .withCode(code)
          .withReason(reason)
          .withMessage(message)
          .build();
    }
  }
}
