/** The runtime configuration file: its model, loading, and the contract that checks it. */
package io.drover.runtime.config;
