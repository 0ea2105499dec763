package io.drover.runtime.consumers;

import java.io.IOException;
import java.net.SocketException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Sends a request again, at once and on another connection, when the endpoint closed or reset the
 * connection before answering: a pooled connection the server had already closed while idle. Such a
 * request never reached a handler, so it is not a failure, and a resend cannot skip anything
 * (delivery is at least once anyway; {@code ce-id} lets the endpoint drop a duplicate). Answers,
 * whatever their status, are never resent here: the engine's back-off owns those.
 */
final class ResendUnanswered implements HttpRequestRetryStrategy {

  /** A pool may hold several connections the server closed; each resend discards one. */
  static final int MAX_RESENDS = 3;

  @Override
  public boolean retryRequest(
      HttpRequest request, IOException exception, int execCount, HttpContext context) {
    return execCount <= MAX_RESENDS && unanswered(exception);
  }

  @Override
  public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
    return false;
  }

  @Override
  public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
    return TimeValue.ZERO_MILLISECONDS;
  }

  private static boolean unanswered(IOException exception) {
    return exception instanceof NoHttpResponseException
        || exception instanceof ConnectionClosedException
        || (exception instanceof SocketException socket
            && socket.getMessage() != null
            && (socket.getMessage().contains("reset")
                || socket.getMessage().contains("Broken pipe")));
  }
}
