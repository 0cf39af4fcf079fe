package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.ProcessInfo;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who this JVM (or, for {@code THREAD} processes, this thread) is in the process tree, and the counter that
 * names its children. Set once by {@link ChildMain} in a child JVM; thread-safe.
 */
public final class CurrentProcess
{
    private static final InheritableThreadLocal<Identity> THREAD_PROCESS = new InheritableThreadLocal<>();
    private static final ThreadLocal<Boolean> IN_TARGET = new ThreadLocal<>();
    private static volatile Identity jvm = new Identity(
        new ProcessInfo("MainProcess", ProcessHandle.current().pid()), "", null, "");

    /**
     * @param info     name and pid.
     * @param identity the dotted path that names this process's children ({@code "1:2"} names {@code Process-1:2:N}).
     * @param parent   the parent, or {@code null} for the main process.
     * @param logLevel the {@code logToStderr} level inherited from the parent, or empty.
     */
    public record Identity(ProcessInfo info, String identity, ProcessInfo parent, String logLevel)
    {
    }

    private static final AtomicInteger CHILDREN = new AtomicInteger();

    private CurrentProcess()
    {
    }

    public static Identity get()
    {
        final Identity thread = THREAD_PROCESS.get();
        return null == thread ? jvm : thread;
    }

    static void setJvm(final Identity identity)
    {
        jvm = identity;
    }

    static void setThread(final Identity identity)
    {
        THREAD_PROCESS.set(identity);
    }

    /**
     * @return the identity of the next child: {@code "3"} in the main process, {@code "1:3"} in {@code Process-1}.
     */
    public static String nextChildIdentity()
    {
        final String prefix = get().identity();
        final int n = CHILDREN.incrementAndGet();
        return prefix.isEmpty() ? Integer.toString(n) : prefix + ":" + n;
    }

    /**
     * @return whether the calling thread is running a process target (so {@code exit(code)} ends the process).
     */
    public static boolean inTarget()
    {
        return Boolean.TRUE.equals(IN_TARGET.get());
    }

    static void enterTarget()
    {
        IN_TARGET.set(Boolean.TRUE);
    }

    static void leaveTarget()
    {
        IN_TARGET.remove();
    }

    /**
     * Thrown by {@code Multiprocessing.exit(code)} inside a target to end its process with {@code code}, as
     * Python's {@code SystemExit}; an {@link Error} so that {@code catch (Exception e)} in user code lets it pass.
     */
    public static final class ExitRequest extends Error
    {
        private static final long serialVersionUID = 1L;

        final int exitCode;

        public ExitRequest(final int exitCode)
        {
            super("exit(" + exitCode + ")", null, false, false);
            this.exitCode = exitCode;
        }
    }
}
