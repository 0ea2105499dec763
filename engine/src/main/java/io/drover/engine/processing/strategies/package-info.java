/** Error policies: retry forever by default, or dead-letter after a number of retries. */
package io.drover.engine.processing.strategies;
