package dev.remotecache.mock.testcontainers;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.output.WaitingConsumer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.LogUtils;

/**
 * Ready when the mock prints its first line, its base URL, which it does once it answers; failed at
 * once, with the mock's own output, when the container stops first (a refused option exits 2 and
 * says why), rather than after the startup timeout.
 */
final class MockReadiness extends AbstractWaitStrategy {

  private static final Pattern BASE_URL = Pattern.compile("http://\\S+\\R?");

  @Override
  protected void waitUntilReady() {
    ToStringConsumer output = new ToStringConsumer();
    WaitingConsumer waiting = new WaitingConsumer();
    // Output first: when the end of the stream reaches the waiting side, every line is in output.
    LogUtils.followOutput(
        DockerClientFactory.instance().client(),
        waitStrategyTarget.getContainerId(),
        output.andThen(waiting));
    try {
      waiting.waitUntil(
          frame -> frame == OutputFrame.END || BASE_URL.matcher(frame.getUtf8String()).matches(),
          startupTimeout.toMillis(),
          TimeUnit.MILLISECONDS,
          1);
    } catch (TimeoutException e) {
      throw new ContainerLaunchException(
          "the mock did not answer within "
              + startupTimeout.toSeconds()
              + " s; its output: "
              + printed(output));
    }
    if (!waitStrategyTarget.isRunning()) {
      throw new ContainerLaunchException(
          "the mock stopped before it answered (exit code "
              + waitStrategyTarget.getCurrentContainerInfo().getState().getExitCodeLong()
              + "): "
              + printed(output));
    }
  }

  private static String printed(ToStringConsumer output) {
    String text = output.toUtf8String().strip();
    return text.isEmpty() ? "(nothing)" : text;
  }
}
