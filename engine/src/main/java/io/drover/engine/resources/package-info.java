/**
 * Named long-lived connections with guarded reconnection, and the JDBC one: reconnect and retry
 * outside a transaction, fail the batch inside one.
 */
package io.drover.engine.resources;
