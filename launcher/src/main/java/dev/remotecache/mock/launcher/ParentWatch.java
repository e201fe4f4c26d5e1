package dev.remotecache.mock.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * In the server's JVM started by the launcher: the server must not outlive the launcher, however
 * the launcher ends ({@code kill -9} runs none of its code).
 *
 * <p>{@link #HALT} (the server): every 50 ms, is the launcher still this process's parent? When it
 * is gone the server halts at once, as if it had crashed with it: no shutdown hooks, so an upload
 * cut off half way stays invisible, as after a {@code kill -9} of the server itself. This polls
 * rather than waits on the stdin pipe: a thread blocked in a native read holds up every JVM exit by
 * ~300 ms (HotSpot waits for threads in native code before it exits).
 *
 * <p>{@link #EXIT} (the AOT training run): the launcher closes the server's stdin to ask it to stop
 * cleanly, on every OS; the JVM then writes its AOT cache.
 */
final class ParentWatch {

  static final String HALT = "halt";
  static final String EXIT = "exit";

  /** Exit code of a server whose launcher vanished; nobody is left to read it. */
  static final int ORPHANED = 129;

  static final long POLL_MILLIS = 50;

  private ParentWatch() {}

  static void start(String mode) {
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    Runnable watch;
    if (EXIT.equals(mode)) {
      watch =
          () -> {
            drain(new FileInputStream(FileDescriptor.in));
            System.exit(0);
          };
    } else if (parent.isPresent()) {
      ProcessHandle launcher = parent.get();
      watch =
          () -> {
            try {
              // A dead launcher may linger as a zombie until whoever killed it reaps it, but
              // this process is handed to another parent as soon as it dies.
              while (launcher.isAlive() && stillChildOf(launcher)) {
                Thread.sleep(POLL_MILLIS);
              }
            } catch (InterruptedException e) {
              return;
            }
            Runtime.getRuntime().halt(ORPHANED);
          };
    } else { // no parent to watch (should not happen): the pipe, at the cost of a slower exit
      watch =
          () -> {
            drain(new FileInputStream(FileDescriptor.in));
            Runtime.getRuntime().halt(ORPHANED);
          };
    }
    Thread thread = new Thread(watch, "remote-cache-mock-launcher-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private static boolean stillChildOf(ProcessHandle launcher) {
    return ProcessHandle.current().parent().map(p -> p.pid() == launcher.pid()).orElse(false);
  }

  /** Reads until end of stream (or an error, which means the same: the pipe is gone). */
  private static void drain(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // the launcher writes nothing; ignore whatever comes
      }
    } catch (IOException gone) {
      // the pipe broke: the launcher is gone
    }
  }
}
