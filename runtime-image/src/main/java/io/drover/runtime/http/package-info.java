/** The health, readiness and metrics endpoint. */
package io.drover.runtime.http;
