/** The runtime every consumer pod runs: start-up, shutdown and exit codes. */
package io.drover.runtime;
