package io.multiprocessing4j;

import io.multiprocessing4j.shm.IdlePolicy;
import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets one thread at a time send (or receive) on one {@link Connection} end, with no full fence when threads do
 * not contend: a compare-and-set takes it and a release store gives it back. The volatile store with which a
 * {@code ReentrantLock} gives itself back is a full fence, and in a sender's loop that fence waits for the message
 * just written to reach the reading process's core (42% of a {@code pipe-oneway} sender's profile samples). In
 * the full side-by-side runs before and after this lock, {@code pipe-oneway} went from 0.51 to 0.62 of raw Agrona's
 * throughput.
 * <p>
 * A thread that finds it held waits as the context's {@link IdlePolicy} says; while any thread waits, newcomers
 * queue behind it instead of taking the lock on the fast path, and the holder unparks a parked waiter when it
 * gives the lock back. A waiter that parks just as the lock is given back (the holder's release store and its read
 * of the waiter count are not fenced against each other) wakes when its park times out, at most the policy's
 * longest park later. Not reentrant: a thread that takes it again gets an {@link IllegalStateException}, not a
 * deadlock. In-JVM only; thread-safe.
 */
final class EndLock
{
    private static final VarHandle OWNER;

    static
    {
        try
        {
            OWNER = MethodHandles.lookup().findVarHandle(EndLock.class, "owner", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final String what;
    private final AtomicInteger waiters = new AtomicInteger();
    @SuppressWarnings("unused") // through OWNER
    private volatile Thread owner;
    private volatile Thread parked;

    /**
     * @param what names what the lock guards in the exception a reentrant call gets ("send", "receive").
     */
    EndLock(final String what)
    {
        this.what = what;
    }

    /**
     * Takes the lock, waiting as {@code idlePolicy} says while another thread holds it.
     *
     * @throws InterruptedException  if interrupted while waiting; the lock is not taken.
     * @throws IllegalStateException if this thread holds it already.
     */
    void lockInterruptibly(final IdlePolicy idlePolicy) throws InterruptedException
    {
        final Thread self = Thread.currentThread();
        if (0 == waiters.get() && OWNER.compareAndSet(this, null, self))
        {
            return;
        }
        if (OWNER.getVolatile(this) == self)
        {
            throw new IllegalStateException("a " + what + " on this connection was called from inside a " + what +
                " on the same thread");
        }
        waiters.incrementAndGet();
        try
        {
            final IdleStrategy idle = idlePolicy.newIdleStrategy();
            while (!OWNER.compareAndSet(this, null, self))
            {
                if (Thread.interrupted())
                {
                    throw new InterruptedException("interrupted waiting for another thread's " + what);
                }
                parked = self;
                idle.idle();
            }
        }
        finally
        {
            waiters.decrementAndGet();
        }
    }

    /**
     * Gives the lock back; only its holder may call this.
     */
    void unlock()
    {
        OWNER.setRelease(this, null);
        if (0 != waiters.get())
        {
            final Thread waiter = parked;
            if (null != waiter)
            {
                LockSupport.unpark(waiter);
            }
        }
    }
}
