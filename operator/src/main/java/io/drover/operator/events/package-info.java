/** The operator's Kubernetes Events: one recorder, a closed set of reasons, no repeats. */
package io.drover.operator.events;
