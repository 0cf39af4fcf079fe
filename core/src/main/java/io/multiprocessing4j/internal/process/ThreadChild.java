package io.multiprocessing4j.internal.process;

import java.util.concurrent.CompletableFuture;

/**
 * A {@code THREAD} process: the target runs in a new thread of this JVM that sees itself as the process
 * in {@code currentProcess()}. Thread-safe.
 */
final class ThreadChild implements ChildProcess
{
    private final Thread thread;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

    ThreadChild(final CurrentProcess.Identity identity, final Runnable target, final boolean daemon)
    {
        final String name = identity.info().name();
        thread = new Thread(() ->
        {
            CurrentProcess.setThread(identity);
            int exitCode;
            Throwable failure = null;
            try
            {
                exitCode = ChildMain.run(target);
            }
            catch (final CurrentProcess.ExitRequest ex)
            {
                exitCode = ex.exitCode;
            }
            catch (final Throwable ex)
            {
                failure = ex;
                exitCode = 1;
                System.err.println("Process " + name + ":");
                ex.printStackTrace();
            }
            exit.complete(ExitStatus.ofThread(exitCode, failure));
        }, name);
        thread.setDaemon(daemon);
        thread.start();
    }

    public long pid()
    {
        return ProcessHandle.current().pid();
    }

    public CompletableFuture<ExitStatus> exit()
    {
        return exit;
    }

    public void terminate()
    {
        thread.interrupt();
    }

    public void kill()
    {
        thread.interrupt();
    }
}
