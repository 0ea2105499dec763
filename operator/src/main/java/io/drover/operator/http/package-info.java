/** The operator's one HTTP port: health, readiness and Prometheus metrics. */
package io.drover.operator.http;
