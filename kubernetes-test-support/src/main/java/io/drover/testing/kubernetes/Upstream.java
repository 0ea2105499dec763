package io.drover.testing.kubernetes;

/** Where the front sends a request. */
enum Upstream {
  /** The real API server: CRDs and every custom resource group. */
  REAL,
  /** The mock server: the core API and the built-in groups (apps, policy, rbac, ...). */
  MOCK,
  /** Answered by the front itself: the merged discovery roots {@code /api} and {@code /apis}. */
  DISCOVERY;

  /**
   * Routes a request path: the custom resource groups and the CRD API to the real server, the
   * discovery roots to the front, everything else to the mock.
   */
  static Upstream of(String path) {
    if (CoreDiscovery.servesItself(path)) {
      return DISCOVERY;
    }
    if (path.startsWith("/apis/")) {
      String group = path.substring("/apis/".length()).split("/", 2)[0];
      return CoreDiscovery.isBuiltIn(group) ? MOCK : REAL;
    }
    if (path.startsWith("/openapi/") || path.equals("/version")) {
      return REAL;
    }
    return MOCK;
  }
}
