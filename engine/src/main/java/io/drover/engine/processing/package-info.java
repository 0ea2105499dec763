/**
 * Per-partition state, the jobs workers run, and how their results are applied: marking,
 * committing, pausing with back-off and dead-lettering.
 */
package io.drover.engine.processing;
