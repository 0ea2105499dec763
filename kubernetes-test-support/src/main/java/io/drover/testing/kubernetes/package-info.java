/**
 * Kubernetes APIs for tests: a real API server for custom resources ({@link
 * io.drover.testing.kubernetes.RealApiServer}), the fabric8 mock server for core objects ({@link
 * io.drover.testing.kubernetes.MockApiServer}), and a front that serves both as one cluster ({@link
 * io.drover.testing.kubernetes.ApiFront}).
 */
package io.drover.testing.kubernetes;
