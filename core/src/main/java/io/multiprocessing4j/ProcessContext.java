package io.multiprocessing4j;

import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.function.ProcessTarget;
import io.multiprocessing4j.internal.process.ChildJvmSettings;
import io.multiprocessing4j.internal.process.ChildProcess;
import io.multiprocessing4j.internal.process.ChildSpec;
import io.multiprocessing4j.internal.process.CurrentProcess;
import io.multiprocessing4j.internal.process.Launcher;
import io.multiprocessing4j.internal.process.WarmJvmPool;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A start method with its settings, as Python's {@code multiprocessing.get_context(method)}: processes made
 * by {@link #process} start through it. Immutable except for the {@code WARM} JVMs it parks, which
 * {@link #close()} ends (the context can still be used; it starts new ones when next needed).
 * Thread-safe.
 * <p>
 * Child JVMs get the same {@code java} binary and class path as this JVM, the library's required flag,
 * this JVM's {@code -D}, heap, assertion and {@code -XX} options, then {@link #withJvmOptions}.
 */
public final class ProcessContext implements AutoCloseable
{
    public static final String START_TIMEOUT_PROPERTY = "mp4j.start.timeout.ms";

    private final StartMethod startMethod;
    private final List<String> jvmOptions;
    private final Codec codec;
    private final Duration startTimeout;
    private final int warmPoolSize;
    private final Redirect output;
    private final Redirect error;
    private final List<String> preload;
    private final Path executable;
    private WarmJvmPool warmPool;

    private ProcessContext(
        final StartMethod startMethod,
        final List<String> jvmOptions,
        final Codec codec,
        final Duration startTimeout,
        final int warmPoolSize,
        final Redirect output,
        final Redirect error,
        final List<String> preload,
        final Path executable)
    {
        this.startMethod = Objects.requireNonNull(startMethod, "startMethod");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.codec = Objects.requireNonNull(codec, "codec");
        this.startTimeout = requirePositive(startTimeout, "startTimeout");
        if (warmPoolSize < 1)
        {
            throw new IllegalArgumentException("warmPoolSize must be >= 1: " + warmPoolSize);
        }
        this.warmPoolSize = warmPoolSize;
        this.output = output;
        this.error = error;
        this.preload = List.copyOf(preload);
        this.executable = executable;
    }

    static ProcessContext of(final StartMethod startMethod)
    {
        return new ProcessContext(startMethod, List.of(), Codec.fory(ClassAllowList.defaults()),
            Duration.ofMillis(Long.getLong(START_TIMEOUT_PROPERTY, 60_000)),
            Math.max(2, Runtime.getRuntime().availableProcessors()), null, null, List.of(), null);
    }

    public StartMethod startMethod()
    {
        return startMethod;
    }

    public List<String> jvmOptions()
    {
        return jvmOptions;
    }

    public Codec codec()
    {
        return codec;
    }

    /**
     * @param options JVM options for child JVMs, after the inherited ones (so {@code -Xmx} here wins).
     * @return a context with these options instead of the current ones.
     */
    public ProcessContext withJvmOptions(final String... options)
    {
        return new ProcessContext(
            startMethod, List.of(options), codec, startTimeout, warmPoolSize, output, error, preload, executable);
    }

    /**
     * @param newCodec the codec for targets and their captured values.
     * @return a context that uses it.
     */
    public ProcessContext withCodec(final Codec newCodec)
    {
        return new ProcessContext(
            startMethod, jvmOptions, newCodec, startTimeout, warmPoolSize, output, error, preload, executable);
    }

    /**
     * @param prefixes class-name prefixes the codec may decode besides the defaults and the target's package.
     * @return a context whose codec allows them.
     */
    public ProcessContext allowClasses(final String... prefixes)
    {
        return withCodec(codec.withAllowList(ClassAllowList.of(List.of(prefixes))));
    }

    /**
     * @param timeout how long a child JVM may take to start before {@link JvmProcess#start()} fails.
     * @return a context with this timeout.
     */
    public ProcessContext withStartTimeout(final Duration timeout)
    {
        return new ProcessContext(
            startMethod, jvmOptions, codec, timeout, warmPoolSize, output, error, preload, executable);
    }

    /**
     * @param size how many {@code WARM} JVMs to keep ready (default: the number of cores, at least 2).
     * @return a context with its own pool of that size.
     */
    public ProcessContext withWarmPoolSize(final int size)
    {
        return new ProcessContext(
            startMethod, jvmOptions, codec, startTimeout, size, output, error, preload, executable);
    }

    /**
     * @param newOutput where child JVMs' standard output goes (default {@link Redirect#INHERIT}).
     * @param newError  where their standard error goes (default: copied to this JVM's {@code System.err},
     *                  which also keeps its tail for start-up failures).
     * @return a context with these redirects.
     */
    public ProcessContext withRedirects(final Redirect newOutput, final Redirect newError)
    {
        return new ProcessContext(
            startMethod, jvmOptions, codec, startTimeout, warmPoolSize, newOutput, newError, preload, executable);
    }

    /**
     * Python's {@code set_forkserver_preload}: {@code WARM} JVMs of this context load and initialize these
     * classes before they are ready, so the targets that use them start at once. (They also learn, by
     * themselves, the classes of the targets started through the context.)
     *
     * @param classes classes to load and initialize in each waiting JVM.
     * @return a context with its own pool that preloads them.
     */
    public ProcessContext withPreload(final Class<?>... classes)
    {
        final List<String> names = new ArrayList<>(preload);
        for (final Class<?> type : classes)
        {
            names.add(type.getName());
        }
        return new ProcessContext(
            startMethod, jvmOptions, codec, startTimeout, warmPoolSize, output, error, names, executable);
    }

    /**
     * Python's {@code set_executable}: child JVMs run this {@code java} instead of this JVM's own. It must
     * be the same Java version, since children load the same classes.
     *
     * @param java the {@code java} executable.
     * @return a context that uses it.
     */
    public ProcessContext withExecutable(final Path java)
    {
        return new ProcessContext(startMethod, jvmOptions, codec, startTimeout, warmPoolSize, output, error, preload,
            Objects.requireNonNull(java, "java"));
    }

    /**
     * @return a process that runs {@code target} through this context when started.
     */
    public JvmProcess process(final ProcessTarget target)
    {
        return new JvmProcess(target).setContext(this);
    }

    public JvmProcess process(final String name, final ProcessTarget target)
    {
        return new JvmProcess(name, target).setContext(this);
    }

    /**
     * For {@code WARM}: starts the pool's JVMs now and waits until they are all ready (bounded by the start
     * timeout). Nothing for other start methods.
     *
     * @return this context.
     */
    public ProcessContext prestart() throws InterruptedException
    {
        if (StartMethod.WARM == startMethod)
        {
            warmPool().fill(startTimeout);
        }
        return this;
    }

    /**
     * Ends the {@code WARM} JVMs parked on this context that have not been given a target.
     */
    public void close()
    {
        final WarmJvmPool pool;
        synchronized (this)
        {
            pool = warmPool;
            warmPool = null;
        }
        if (null != pool)
        {
            pool.close();
        }
    }

    public String toString()
    {
        return "ProcessContext{" + startMethod + (jvmOptions.isEmpty() ? "" : ", jvmOptions=" + jvmOptions) + "}";
    }

    ChildProcess launch(final CurrentProcess.Identity identity, final boolean daemon, final Object target)
    {
        if (StartMethod.THREAD == startMethod)
        {
            return Launcher.thread(identity, (Runnable)target);
        }
        final ChildSpec spec = Launcher.spec(identity, daemon, codec, target);
        return StartMethod.WARM == startMethod ? Launcher.warm(warmPool(), spec) : Launcher.spawn(settings(), spec);
    }

    private synchronized WarmJvmPool warmPool()
    {
        if (null == warmPool)
        {
            warmPool = new WarmJvmPool(settings(), warmPoolSize, preload);
        }
        return warmPool;
    }

    private ChildJvmSettings settings()
    {
        return new ChildJvmSettings(jvmOptions, output, error, startTimeout, executable);
    }

    static Duration requirePositive(final Duration duration, final String name)
    {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero())
        {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }
}
