/** What consumes: a user's class from the plugin directory, or a built-in consumer. */
package io.drover.runtime.consumers;
