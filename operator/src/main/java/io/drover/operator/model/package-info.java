/**
 * The pure model: from a ConsumerGroup and the operator's settings to the objects that run it. No
 * API server, no I/O; every rule about names, labels, security and the runtime configuration is
 * here and tested without a cluster.
 */
package io.drover.operator.model;
