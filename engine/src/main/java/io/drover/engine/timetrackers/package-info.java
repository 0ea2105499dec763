/**
 * Time-based state: the back-off schedule, per-partition pauses and poll-loop liveness, all on an
 * injected {@link io.drover.engine.timetrackers.MonotonicClock}.
 */
package io.drover.engine.timetrackers;
