package io.drover.runtime.consumers;

import io.drover.engine.DeadLetterDetails;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP sink did not deliver a message. The message names what happened (the status, or the
 * connection error) and is safe to log; the endpoint's own answer, which might echo the payload,
 * goes only into the dead letter's headers.
 */
public class SinkException extends Exception implements DeadLetterDetails {

  /** Dead-letter header with the endpoint's status code. */
  public static final String STATUS_HEADER = "drover-sink-status";

  /** Dead-letter header with the start of the endpoint's answer. */
  public static final String RESPONSE_HEADER = "drover-sink-response";

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String response;

  /** A failure without an answer (a timeout, a connection error). */
  public SinkException(String message, Throwable cause) {
    this(message, cause, -1, null);
  }

  /**
   * A failure with an answer.
   *
   * @param status the endpoint's status code, or -1 without one
   * @param response the start of its answer, or null
   */
  public SinkException(String message, Throwable cause, int status, String response) {
    super(message, cause);
    this.status = status;
    this.response = response;
  }

  /** Returns the endpoint's status code, or -1 when it did not answer. */
  public int status() {
    return status;
  }

  @Override
  public Map<String, String> deadLetterHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (status > 0) {
      headers.put(STATUS_HEADER, Integer.toString(status));
    }
    if (response != null && !response.isEmpty()) {
      headers.put(RESPONSE_HEADER, response);
    }
    return headers;
  }
}
