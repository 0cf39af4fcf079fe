package io.multiprocessing4j.internal.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Child JVMs started ahead of need for one {@code WARM} context: each has said hello, preloaded the codecs
 * and the classes of the targets this pool has seen (and any named up front), and waits for its one
 * target. {@link #take()} hands one out; a background thread replaces what was taken once no JVM has been
 * taken for {@code mp4j.warm.refillQuietMs} ms (200 by default), so that a burst of starts is not slowed by
 * JVMs booting beside it (a JVM's start costs a core about a tenth of a second). Thread-safe.
 */
public final class WarmJvmPool implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(WarmJvmPool.class);
    public static final String REFILL_QUIET_PROPERTY = "mp4j.warm.refillQuietMs";
    static final long DEFAULT_REFILL_QUIET_MS = 200;
    static final int MAX_PRELOAD = 64;

    private final ChildJvmSettings settings;
    private final int size;
    private final long refillQuietNanos = 1_000_000L * Long.getLong(REFILL_QUIET_PROPERTY, DEFAULT_REFILL_QUIET_MS);
    private final Deque<JvmChild> ready = new ArrayDeque<>();
    private final Set<String> preload = new LinkedHashSet<>();
    private int launching;
    private long lastTakeNanos;
    private boolean closed;
    private Thread refiller;

    /**
     * @param preloadClasses classes every JVM of the pool loads and initializes before it is ready
     *                       (Python's {@code set_forkserver_preload}).
     */
    public WarmJvmPool(final ChildJvmSettings settings, final int size, final Collection<String> preloadClasses)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("warm pool size must be >= 1: " + size);
        }
        this.settings = settings;
        this.size = size;
        preloadClasses.forEach(this::preload);
    }

    /**
     * Adds a class for JVMs started from now on to preload: a target's class, once it has been used.
     */
    synchronized void preload(final String className)
    {
        if (preload.size() < MAX_PRELOAD && !className.contains("/") && !className.contains(","))
        {
            preload.add(className);
        }
    }

    private synchronized List<String> preloadList()
    {
        return List.copyOf(preload);
    }

    /**
     * @return a connected JVM waiting for a target; one started now if none is ready.
     */
    JvmChild take()
    {
        synchronized (this)
        {
            checkOpen();
            lastTakeNanos = System.nanoTime();
            startRefiller();
            notifyAll();
            JvmChild child;
            while (null != (child = ready.pollFirst()))
            {
                if (child.isAlive())
                {
                    return child;
                }
            }
        }
        return JvmChild.launch(settings, preloadList());
    }

    /**
     * Fills the pool and waits until every JVM in it is ready.
     */
    public void fill(final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this)
        {
            checkOpen();
            lastTakeNanos = System.nanoTime() - refillQuietNanos;
            startRefiller();
            notifyAll();
            while (ready.size() < size)
            {
                final long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (remainingMs <= 0)
                {
                    throw new IllegalStateException("warm pool has " + ready.size() + " of " + size +
                        " JVMs ready after " + timeout);
                }
                wait(remainingMs);
            }
        }
    }

    /**
     * Ends the JVMs that are waiting; those being started end as soon as they are ready.
     */
    public void close()
    {
        final Deque<JvmChild> dismissed;
        synchronized (this)
        {
            closed = true;
            dismissed = new ArrayDeque<>(ready);
            ready.clear();
            notifyAll();
        }
        dismissed.forEach(JvmChild::dismiss);
        for (final JvmChild child : dismissed)
        {
            child.exit().join();
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("warm pool is closed");
        }
    }

    private void startRefiller()
    {
        if (null == refiller)
        {
            refiller = new Thread(this::refill, "mp4j-warm-refill");
            refiller.setDaemon(true);
            refiller.start();
        }
    }

    private void refill()
    {
        while (true)
        {
            synchronized (this)
            {
                try
                {
                    while (!closed && !needsOne())
                    {
                        final long quietMs = (refillQuietNanos - (System.nanoTime() - lastTakeNanos)) / 1_000_000L;
                        wait(ready.size() + launching < size && quietMs > 0 ? quietMs : 0);
                    }
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                if (closed)
                {
                    refiller = null;
                    return;
                }
                launching++;
            }
            JvmChild child = null;
            boolean failed = false;
            try
            {
                child = JvmChild.launch(settings, preloadList());
            }
            catch (final RuntimeException ex)
            {
                failed = true;
                LOG.warn("cannot start a warm JVM, retrying in a second: {}", ex.getMessage());
            }
            synchronized (this)
            {
                launching--;
                if (failed)
                {
                    try
                    {
                        wait(1_000);
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                }
                if (null != child && !closed)
                {
                    ready.addLast(child);
                    child = null;
                }
                notifyAll();
            }
            if (null != child)
            {
                child.dismiss();
            }
        }
    }

    private boolean needsOne()
    {
        return ready.size() + launching < size &&
            System.nanoTime() - lastTakeNanos >= refillQuietNanos;
    }
}
