/** Before, after and around hooks on the engine's lifecycle stages. */
package io.drover.engine.lifecycle;
