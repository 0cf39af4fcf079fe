package io.multiprocessing4j.internal.process;

import java.util.concurrent.CompletableFuture;

/**
 * A started process as {@code JvmProcess} drives it: a child JVM, or a thread for {@code THREAD}.
 * Implementations are thread-safe.
 */
public interface ChildProcess
{
    long pid();

    /**
     * @return completes once, when the target has returned or thrown and its exit code is known, or the
     * process died.
     */
    CompletableFuture<ExitStatus> exit();

    /**
     * SIGTERM for a JVM (its shutdown hooks run); an interrupt for a thread.
     */
    void terminate();

    /**
     * SIGKILL for a JVM; an interrupt for a thread.
     */
    void kill();
}
