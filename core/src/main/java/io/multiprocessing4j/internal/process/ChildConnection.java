package io.multiprocessing4j.internal.process;

import java.util.concurrent.CompletableFuture;

/**
 * The parent's end of one child JVM's socket: completes {@link #hello} when the child connects and
 * {@link #report} when it reports how it ended. Thread-safe.
 */
final class ChildConnection
{
    /**
     * How a child's target ended, as the child reported it.
     *
     * @param exitCode        the exit code the child is about to exit with.
     * @param stderrBytes     bytes the child wrote to {@code System.err} before reporting.
     * @param exception       the target's exception serialized with {@code java.io}, or empty.
     * @param remoteException the same as a {@code RemoteProcessException}, or empty.
     */
    record Report(int exitCode, long stderrBytes, byte[] exception, byte[] remoteException)
    {
    }

    final long token;
    final CompletableFuture<Void> hello = new CompletableFuture<>();
    final CompletableFuture<Report> report = new CompletableFuture<>();

    ChildConnection(final long token)
    {
        this.token = token;
    }
}
