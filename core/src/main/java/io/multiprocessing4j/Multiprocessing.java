package io.multiprocessing4j;

import io.multiprocessing4j.internal.process.CurrentProcess;
import io.multiprocessing4j.internal.process.StderrLogging;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The static entry point, like Python's {@code multiprocessing} module: who this process is, its children,
 * the start-method contexts, and {@code log_to_stderr}. Thread-safe.
 */
public final class Multiprocessing
{
    private static final Map<StartMethod, ProcessContext> CONTEXTS = new EnumMap<>(StartMethod.class);
    private static StartMethod defaultMethod;

    private Multiprocessing()
    {
    }

    /**
     * @return the number of processors this JVM may use.
     */
    public static int cpuCount()
    {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * @return this process: {@code MainProcess} in the JVM the user started, the process's name and pid in a
     * child (and in the thread of a {@code THREAD} process).
     */
    public static ProcessInfo currentProcess()
    {
        return CurrentProcess.get().info();
    }

    /**
     * @return the process that started this one, or empty in the main process.
     */
    public static Optional<ProcessInfo> parentProcess()
    {
        return Optional.ofNullable(CurrentProcess.get().parent());
    }

    /**
     * @return the processes started by this JVM that have not ended yet.
     */
    public static List<JvmProcess> activeChildren()
    {
        return JvmProcess.active();
    }

    /**
     * @return the shared context for {@code method} (Python's {@code get_context}).
     */
    public static synchronized ProcessContext context(final StartMethod method)
    {
        return CONTEXTS.computeIfAbsent(method, ProcessContext::of);
    }

    /**
     * @param method {@code "spawn"}, {@code "warm"}/{@code "forkserver"} or {@code "thread"}.
     * @throws IllegalArgumentException for {@code "fork"}, pointing to {@code WARM}.
     */
    public static ProcessContext context(final String method)
    {
        return context(StartMethod.of(method));
    }

    /**
     * Sets the start method of processes made without a context (Python's {@code set_start_method}).
     *
     * @throws IllegalStateException if a different method was already set.
     */
    public static synchronized void setStartMethod(final StartMethod method)
    {
        if (null != defaultMethod && defaultMethod != method)
        {
            throw new IllegalStateException("start method already set to " + defaultMethod);
        }
        defaultMethod = method;
    }

    public static synchronized StartMethod startMethod()
    {
        return null == defaultMethod ? StartMethod.SPAWN : defaultMethod;
    }

    /**
     * @return the context of {@link #startMethod()}.
     */
    public static ProcessContext defaultContext()
    {
        return context(startMethod());
    }

    /**
     * Python's {@code log_to_stderr}: the {@code multiprocessing} logger of {@code java.util.logging} prints
     * {@code [LEVEL/ProcessName] message} to stderr here and in every child started afterwards.
     *
     * @param level the lowest level printed.
     * @return the logger.
     */
    public static Logger logToStderr(final Level level)
    {
        return StderrLogging.install(level.getName());
    }

    public static Logger logToStderr()
    {
        return logToStderr(Level.INFO);
    }

    /**
     * Python's {@code sys.exit(code)} inside a process: ends the running target with {@code code}. Called
     * outside a target (in the main process, or another thread), it is {@link System#exit(int)}.
     */
    public static void exit(final int code)
    {
        if (CurrentProcess.inTarget())
        {
            throw new CurrentProcess.ExitRequest(code);
        }
        System.exit(code);
    }
}
