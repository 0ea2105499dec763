/**
 * The ConsumerGroup reconciler, shaped validate → pure model → dependents → status, and its
 * dependent resources.
 */
package io.drover.operator.reconciler;
