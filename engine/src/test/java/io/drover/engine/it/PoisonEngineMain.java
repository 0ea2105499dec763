package io.drover.engine.it;

import io.drover.engine.BaseConsumer;
import io.drover.engine.Engine;
import io.drover.engine.config.DeadLetterConfig;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.messages.Messages;
import java.time.Duration;

/**
 * An engine in its own JVM, for {@link AttemptsSurviveRestartIT} to kill with SIGKILL. Every
 * message fails; each attempt is printed as {@code ATTEMPT <n>}.
 *
 * <p>Arguments: bootstrap servers, topic, dead-letter topic, group, group instance id, max retries,
 * pause in milliseconds.
 */
public final class PoisonEngineMain {

  private PoisonEngineMain() {}

  public static void main(String[] args) throws InterruptedException {
    EngineConfig config =
        EngineConfig.builder()
            .bootstrapServers(args[0])
            .topics(args[1])
            .deadLetter(new DeadLetterConfig(args[2], Integer.parseInt(args[5]), false))
            .groupId(args[3])
            .groupInstanceId(args[4])
            .pauseTimeout(Duration.ofMillis(Long.parseLong(args[6])))
            .exponentialBackoff(false)
            .pollTimeout(Duration.ofMillis(100))
            .build();
    Engine engine =
        Engine.builder(
                config,
                tp ->
                    new BaseConsumer() {
                      @Override
                      public void consume(Messages messages) {
                        System.out.println("ATTEMPT " + attempt());
                        System.out.flush();
                        throw new IllegalStateException("poison");
                      }
                    })
            .logging(false)
            .build();
    engine.start();
    Thread.currentThread().join();
  }
}
