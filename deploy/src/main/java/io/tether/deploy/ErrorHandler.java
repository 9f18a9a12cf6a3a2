package io.tether.deploy;

import picocli.CommandLine;

/**
 * Prints a failure as one clear message (the exception's own, which names the file, key or value)
 * instead of a stack trace; {@code TETHER_DEBUG=1} adds the trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    cmd.getErr().println("tether " + cmd.getCommandName() + ": error: " + message);
    if ("1".equals(System.getenv("TETHER_DEBUG"))) {
      e.printStackTrace(cmd.getErr());
    } else {
      cmd.getErr().println("(set TETHER_DEBUG=1 for the stack trace)");
    }
    return 2;
  }
}
