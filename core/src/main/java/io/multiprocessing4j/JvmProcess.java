package io.multiprocessing4j;

import io.multiprocessing4j.function.ProcessTarget;
import io.multiprocessing4j.internal.jfr.ProcessExitEvent;
import io.multiprocessing4j.internal.jfr.ProcessStartEvent;
import io.multiprocessing4j.internal.process.ChildProcess;
import io.multiprocessing4j.internal.process.CurrentProcess;
import io.multiprocessing4j.internal.process.ExitStatus;
import io.multiprocessing4j.internal.process.NonDaemonKeeper;
import io.multiprocessing4j.internal.process.StderrLogging;
import io.multiprocessing4j.shm.JvmFlags;

import org.agrona.LangUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code multiprocessing.Process}: a target run in a child JVM. Give it a {@link ProcessTarget}, a
 * lambda or method reference that may throw ({@code new JvmProcess(() -> Worker.squareList(list, result,
 * sum))}), or subclass it and override {@link #run()}; the subclass's fields travel with it. Shared values, arrays and
 * other shared objects captured by the target reach the child as handles and attach there.
 * <p>
 * The target is encoded in {@link #start()}, so an unserializable target fails there, naming the class.
 * In the child, an exception thrown by the target is printed to the child's stderr, the child exits with
 * code 1, and {@link #exception()} returns it here; {@link Multiprocessing#exit(int)} ends the target with
 * a chosen code. A child never outlives this JVM. A non-daemon child keeps this JVM running until it
 * ends (as Python joins non-daemon children at exit); a daemon child does not.
 * <p>
 * Control methods may be called from any thread of the JVM that created the process.
 */
public class JvmProcess implements Runnable, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JvmProcess.class);
    private static final Set<JvmProcess> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final int SIGNAL_BASE = 128;
    private static final int MAX_SIGNAL = 64;

    private final ProcessTarget target;
    private String name;
    private boolean daemon;
    private final transient String identity;
    private transient ProcessContext context;
    private transient ChildProcess child;
    private transient boolean starting;
    private transient volatile ExitStatus status;
    private transient volatile Throwable exception;
    private transient Class<?> bodyClass;
    private final transient CompletableFuture<JvmProcess> exit;

    /**
     * For subclasses that override {@link #run()}; named {@code Process-N}.
     */
    protected JvmProcess()
    {
        this(null, null);
    }

    /**
     * For subclasses that override {@link #run()}.
     *
     * @param name the process name ({@code null} for {@code Process-N}).
     */
    protected JvmProcess(final String name)
    {
        this(name, null);
    }

    public JvmProcess(final ProcessTarget target)
    {
        this(null, Objects.requireNonNull(target, "target"));
    }

    /**
     * @param name   the process name ({@code null} for {@code Process-N}).
     * @param target what the child runs.
     */
    public JvmProcess(final String name, final ProcessTarget target)
    {
        this.target = target;
        this.identity = CurrentProcess.nextChildIdentity();
        this.name = null == name ? "Process-" + identity : name;
        this.context = Multiprocessing.defaultContext();
        this.exit = new CompletableFuture<>();
    }

    /**
     * The process body: runs the target. Subclasses override it. Called directly, it runs in the calling
     * thread of this JVM, which is the easiest way to debug a target.
     */
    public void run()
    {
        if (null != target)
        {
            try
            {
                target.run();
            }
            catch (final Exception ex)
            {
                LangUtil.rethrowUnchecked(ex);
            }
        }
    }

    /**
     * Starts the process through its context.
     *
     * @return this process.
     * @throws IllegalStateException   if it was already started.
     * @throws io.multiprocessing4j.codec.CodecException if the target or a value it captures cannot be encoded.
     * @throws ProcessStartException   if the child JVM cannot be started (with the tail of its stderr).
     */
    public final JvmProcess start()
    {
        JvmFlags.ensureAgronaAccess();
        synchronized (this)
        {
            if (starting)
            {
                throw new IllegalStateException("process " + name + " was already started");
            }
            starting = true;
        }
        final CurrentProcess.Identity parent = CurrentProcess.get();
        final CurrentProcess.Identity self = new CurrentProcess.Identity(
            new ProcessInfo(name, parent.info().pid()), identity, parent.info(), StderrLogging.level());
        final Object body = JvmProcess.class == getClass() && StartMethod.THREAD != context.startMethod() ?
            target : this;
        bodyClass = body.getClass();
        final ProcessStartEvent startEvent = new ProcessStartEvent();
        startEvent.begin();
        final ChildProcess started;
        try
        {
            started = context.launch(self, daemon, body);
        }
        catch (final RuntimeException ex)
        {
            synchronized (this)
            {
                starting = false;
            }
            throw ex;
        }
        synchronized (this)
        {
            child = started;
        }
        ACTIVE.add(this);
        LOG.debug("started {} with {}", this, context);
        startEvent.end();
        if (startEvent.shouldCommit())
        {
            startEvent.name = name;
            startEvent.pid = started.pid();
            startEvent.startMethod = context.startMethod().name();
            startEvent.commit();
        }
        final ProcessExitEvent exitEvent = new ProcessExitEvent();
        exitEvent.begin();
        started.exit().whenComplete((ended, failure) ->
        {
            status = null == ended ? ExitStatus.of(1, failure) : ended;
            ACTIVE.remove(this);
            LOG.debug("{} ended with exit code {}", name, status.exitCode());
            exitEvent.end();
            if (exitEvent.shouldCommit())
            {
                exitEvent.name = name;
                exitEvent.pid = started.pid();
                exitEvent.exitCode = status.exitCode();
                exitEvent.exception = exception().map(Throwable::toString).orElse(null);
                exitEvent.commit();
            }
            exit.complete(this);
        });
        if (!daemon)
        {
            NonDaemonKeeper.acquire();
            exit.thenRun(NonDaemonKeeper::release);
        }
        return this;
    }

    /**
     * Waits until the process has ended: its target returned or threw and its exit code is known, or it was
     * killed. (A child JVM's own teardown after it reported may still be under way.)
     *
     * @throws IllegalStateException if the process was not started.
     */
    public final void join() throws InterruptedException
    {
        checkStarted("join");
        try
        {
            exit.get();
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @param timeout how long to wait at most.
     * @return whether the process has ended.
     */
    public final boolean join(final Duration timeout) throws InterruptedException
    {
        checkStarted("join");
        try
        {
            exit.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        }
        catch (final TimeoutException ex)
        {
            return false;
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Sends SIGTERM: the child JVM runs its shutdown hooks and exits with 143 (Python: -15). A
     * {@code THREAD} process is interrupted instead.
     *
     * @throws IllegalStateException if the process was not started or has already ended.
     */
    public final void terminate()
    {
        checkRunning("terminate").terminate();
    }

    /**
     * Sends SIGKILL: the child JVM ends at once with 137 (Python: -9). A {@code THREAD} process is interrupted.
     *
     * @throws IllegalStateException if the process was not started or has already ended.
     */
    public final void kill()
    {
        checkRunning("kill").kill();
    }

    public final boolean isAlive()
    {
        return null != childOrNull() && !exit.isDone();
    }

    /**
     * @return empty while the process runs or before it starts; then its exit code as the operating system
     * reports it: 0, 1 for an exception in the target, the code given to {@code exit}, or 128 + N when
     * killed by signal N.
     */
    public final OptionalInt exitCode()
    {
        final ExitStatus ended = status;
        return null == ended ? OptionalInt.empty() : OptionalInt.of(ended.exitCode());
    }

    /**
     * @return {@link #exitCode()} in Python's convention: -N when killed by signal N.
     */
    public final OptionalInt pythonExitCode()
    {
        final ExitStatus ended = status;
        if (null == ended)
        {
            return OptionalInt.empty();
        }
        final int code = ended.exitCode();
        final boolean signalled = !ended.reported() && code > SIGNAL_BASE && code <= SIGNAL_BASE + MAX_SIGNAL;
        return OptionalInt.of(signalled ? SIGNAL_BASE - code : code);
    }

    /**
     * @return the exception the target threw in the child (with the child's stack trace), or empty. If it
     * cannot be rebuilt here it is a {@link RemoteProcessException} with the same class name, message and trace.
     */
    public final Optional<Throwable> exception()
    {
        final ExitStatus ended = status;
        if (null == ended)
        {
            return Optional.empty();
        }
        Throwable decoded = exception;
        if (null == decoded)
        {
            decoded = ended.exception(context.codec().allowList().withPackageOf(bodyClass));
            exception = decoded;
        }
        return Optional.ofNullable(decoded);
    }

    /**
     * @return the child's process id ({@code THREAD}: this JVM's).
     * @throws IllegalStateException if the process was not started.
     */
    public final long pid()
    {
        return checkStarted("pid").pid();
    }

    /**
     * @return completes with this process when it ends (Python's {@code sentinel}, as a future).
     */
    public final CompletableFuture<JvmProcess> onExit()
    {
        return exit.copy();
    }

    public final String name()
    {
        return name;
    }

    public final JvmProcess setName(final String newName)
    {
        this.name = Objects.requireNonNull(newName, "name");
        return this;
    }

    public final boolean isDaemon()
    {
        return daemon;
    }

    /**
     * @param on a daemon process is ended when this JVM exits; a non-daemon one keeps it running.
     * @return this process.
     * @throws IllegalStateException after start.
     */
    public final JvmProcess setDaemon(final boolean on)
    {
        checkNotStarted("set daemon on");
        this.daemon = on;
        return this;
    }

    public final ProcessContext context()
    {
        return context;
    }

    /**
     * @param newContext the start method and settings to start with.
     * @return this process.
     * @throws IllegalStateException after start.
     */
    public final JvmProcess setContext(final ProcessContext newContext)
    {
        checkNotStarted("change the context of");
        this.context = Objects.requireNonNull(newContext, "context");
        return this;
    }

    public String toString()
    {
        final ChildProcess started = childOrNull();
        final StringBuilder builder = new StringBuilder("<").append(getClass().getSimpleName())
            .append(" name='").append(name).append('\'');
        if (null == started)
        {
            builder.append(" initial");
        }
        else
        {
            builder.append(" pid=").append(started.pid());
            final ExitStatus ended = status;
            builder.append(null == ended ? " started" : " stopped exitcode=" + ended.exitCode());
        }
        return builder.append(daemon ? " daemon>" : ">").toString();
    }

    static List<JvmProcess> active()
    {
        return List.copyOf(ACTIVE);
    }

    private synchronized ChildProcess childOrNull()
    {
        return child;
    }

    private ChildProcess checkStarted(final String action)
    {
        final ChildProcess started = childOrNull();
        if (null == started)
        {
            throw new IllegalStateException("cannot " + action + " process " + name + ": it was not started");
        }
        return started;
    }

    private ChildProcess checkRunning(final String action)
    {
        final ChildProcess started = checkStarted(action);
        if (exit.isDone())
        {
            throw new IllegalStateException("cannot " + action + " process " + name +
                ": it has already exited with code " + status.exitCode());
        }
        return started;
    }

    private void checkNotStarted(final String action)
    {
        synchronized (this)
        {
            if (starting)
            {
                throw new IllegalStateException("cannot " + action + " process " + name + ": it was already started");
            }
        }
    }
}
