package io.drover.runtime.consumers;

import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Follows 307 and 308 only: they keep the method and the body, so the event is POSTed to the new
 * place. 301, 302 and 303 would turn the POST into a GET and lose the event; they are answers the
 * sink refuses.
 */
final class SameMethodRedirectsOnly extends DefaultRedirectStrategy {

  @Override
  public boolean isRedirected(HttpRequest request, HttpResponse response, HttpContext context) {
    int status = response.getCode();
    return (status == HttpStatus.SC_TEMPORARY_REDIRECT
            || status == HttpStatus.SC_PERMANENT_REDIRECT)
        && response.containsHeader("Location");
  }
}
