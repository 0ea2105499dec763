/** The engine's configuration and the contract that checks it. */
package io.drover.engine.config;
