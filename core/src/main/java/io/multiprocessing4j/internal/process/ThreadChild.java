package io.multiprocessing4j.internal.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code THREAD} process: the target runs on a thread of this JVM, named after the process while it runs,
 * that sees itself as the process in {@code currentProcess()}. Threads are reused (idle ones end after a
 * minute), so a start costs a hand-off rather than a thread creation; they are daemon threads, and a
 * non-daemon process keeps the JVM running through {@link NonDaemonKeeper} instead. Thread-safe.
 */
final class ThreadChild implements ChildProcess, Runnable
{
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EXECUTOR = new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task ->
        {
            final Thread thread = new Thread(task, "mp4j-thread-process-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });

    private final CurrentProcess.Identity identity;
    private final Runnable target;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private volatile Thread thread;
    private volatile boolean interruptRequested;

    ThreadChild(final CurrentProcess.Identity identity, final Runnable target)
    {
        this.identity = identity;
        this.target = target;
        EXECUTOR.execute(this);
    }

    public void run()
    {
        final Thread current = Thread.currentThread();
        final String poolName = current.getName();
        final String name = identity.info().name();
        current.setName(name);
        CurrentProcess.setThread(identity);
        thread = current;
        if (interruptRequested)
        {
            current.interrupt();
        }
        final Throwable[] failure = new Throwable[1];
        final int exitCode;
        try
        {
            exitCode = ChildMain.runBody(name, target, failure);
        }
        finally
        {
            thread = null;
            Thread.interrupted();
            CurrentProcess.setThread(null);
            current.setName(poolName);
        }
        exit.complete(ExitStatus.ofThread(exitCode, failure[0]));
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
        interruptRequested = true;
        final Thread running = thread;
        if (null != running)
        {
            running.interrupt();
        }
    }

    public void kill()
    {
        terminate();
    }
}
