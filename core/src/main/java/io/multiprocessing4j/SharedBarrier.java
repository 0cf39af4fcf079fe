package io.multiprocessing4j;

import io.multiprocessing4j.function.BarrierAction;
import io.multiprocessing4j.internal.process.SerializedFunctions;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionPart;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.sync.BarrierDescriptor;
import io.multiprocessing4j.shm.sync.RobustBarrier;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code multiprocessing.Barrier}, a {@link CyclicBarrier} shared by every process that has it:
 * {@link #await()} returns once {@link #parties()} threads, in any processes, have called it, and the
 * barrier is then ready for the next round. As in Python, the first to arrive gets index 0 and the last
 * {@code parties - 1} (the reverse of {@link CyclicBarrier}), and the optional action runs in the last
 * arrival's process before anyone is released.
 * <p>
 * A timeout, an interrupt, {@link #abort()}, an action that throws, or the death of a process waiting at
 * the barrier (found within milliseconds, even after SIGKILL) breaks it: every waiter and later arrival
 * gets {@link BrokenBarrierException} until {@link #reset()}. Waiting follows the context's
 * {@link io.multiprocessing4j.shm.IdlePolicy}. Passes to child processes by handle, with its action. Thread-safe; use
 * after {@link #close()} throws {@link IllegalStateException}.
 */
public final class SharedBarrier extends SharedObject
{
    private static final long serialVersionUID = 1L;
    private final transient RobustBarrier barrier;
    private final transient ShmContext context;
    private final transient Runnable action;
    private final transient long defaultTimeoutNs;
    private transient BarrierAction decodedAction;

    private SharedBarrier(final MappedRegion region, final ShmContext context)
    {
        super(region);
        final UnsafeBuffer buffer = region.buffer();
        final int base = region.dataOffset();
        barrier = new RobustBarrier(buffer, base, context.processes());
        this.context = context;
        defaultTimeoutNs = buffer.getLong(base + BarrierDescriptor.TIMEOUT_OFFSET);
        final int actionLength = buffer.getInt(base + BarrierDescriptor.ACTION_OFFSET);
        if (actionLength < 0 || actionLength > region.capacity() - BarrierDescriptor.length(0))
        {
            throw new IllegalStateException("corrupt barrier " + region.path() + ": action of " + actionLength +
                " bytes");
        }
        if (0 == actionLength)
        {
            action = null;
        }
        else
        {
            final byte[] encoded = new byte[actionLength];
            buffer.getBytes(base + BarrierDescriptor.ACTION_BYTES_OFFSET, encoded);
            action = () -> runAction(encoded);
        }
    }

    /**
     * @param context where the barrier lives.
     * @param parties how many threads must call {@link #await()} for any of them to pass.
     * @return a new barrier without an action or default timeout.
     */
    public static SharedBarrier create(final ShmContext context, final int parties)
    {
        return create(context, parties, null, null);
    }

    /**
     * @param action run once per round by the last party to arrive, or {@code null}.
     */
    public static SharedBarrier create(final ShmContext context, final int parties, final BarrierAction action)
    {
        return create(context, parties, action, null);
    }

    /**
     * @param context        where the barrier lives.
     * @param parties        how many threads must call {@link #await()} for any of them to pass.
     * @param action         run once per round by the last party to arrive, or {@code null}.
     * @param defaultTimeout how long {@link #await()} waits before it breaks the barrier, or {@code null} for
     *                       as long as it takes (Python's {@code timeout} argument).
     * @return a new barrier.
     * @throws io.multiprocessing4j.codec.CodecException if the action cannot be serialized.
     */
    public static SharedBarrier create(
        final ShmContext context, final int parties, final BarrierAction action, final Duration defaultTimeout)
    {
        Objects.requireNonNull(context, "context");
        if (parties < 1 || parties > BarrierDescriptor.MAX_PARTIES)
        {
            throw new IllegalArgumentException(
                "parties must be between 1 and " + BarrierDescriptor.MAX_PARTIES + ": " + parties);
        }
        if (null != defaultTimeout && defaultTimeout.isNegative())
        {
            throw new IllegalArgumentException("defaultTimeout must not be negative: " + defaultTimeout);
        }
        final byte[] encoded = null == action ? new byte[0] : SerializedFunctions.encode(action);
        final MappedRegion region = newRegion(context, RegionType.SYNC,
            (BarrierDescriptor.length(encoded.length) + Long.BYTES - 1) / Long.BYTES, "barrier " + parties + " parties",
            RegionPart.of(RegionPart.Kind.BARRIER, 0));
        final UnsafeBuffer buffer = region.buffer();
        final int base = region.dataOffset();
        buffer.putInt(base + BarrierDescriptor.ACTION_OFFSET, encoded.length);
        buffer.putBytes(base + BarrierDescriptor.ACTION_BYTES_OFFSET, encoded);
        RobustBarrier.initialize(buffer, base, parties,
            null == defaultTimeout ? BarrierDescriptor.NO_TIMEOUT : defaultTimeout.toNanos());
        return new SharedBarrier(region, context);
    }

    /**
     * @param handle what {@link #handle()} returned in another JVM.
     * @return the same barrier, with its action, in this JVM.
     */
    public static SharedBarrier attach(final SharedHandle handle)
    {
        final MappedRegion region = attachRegion(handle, RegionType.SYNC);
        final ShmContext context = AbstractSharedLock.contextOf(handle, region);
        try
        {
            return new SharedBarrier(region, context);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * Waits until every party has arrived, or for the default timeout if the barrier has one (whose expiry
     * breaks the barrier and, as in Python, throws {@link BrokenBarrierException}, caused by a
     * {@link TimeoutException}).
     *
     * @return this party's arrival index, 0 to {@code parties - 1}.
     * @throws BrokenBarrierException if the barrier is or becomes broken.
     * @throws InterruptedException   if interrupted while waiting; the barrier is then broken.
     */
    public int await() throws InterruptedException, BrokenBarrierException
    {
        if (BarrierDescriptor.NO_TIMEOUT == defaultTimeoutNs)
        {
            try
            {
                return awaitUntil(Long.MAX_VALUE);
            }
            catch (final TimeoutException ex)
            {
                throw new AssertionError("no deadline, yet timed out", ex);
            }
        }
        try
        {
            return awaitUntil(System.nanoTime() + defaultTimeoutNs);
        }
        catch (final TimeoutException ex)
        {
            final BrokenBarrierException broken = new BrokenBarrierException(ex.getMessage());
            broken.initCause(ex);
            throw broken;
        }
    }

    /**
     * @param timeout how long to wait at most.
     * @return this party's arrival index, 0 to {@code parties - 1}.
     * @throws TimeoutException if the timeout passed first; the barrier is then broken.
     */
    public int await(final Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        Objects.requireNonNull(timeout, "timeout");
        return awaitUntil(System.nanoTime() + Math.max(0, timeout.toNanos()));
    }

    public int await(final long time, final TimeUnit unit)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        return awaitUntil(System.nanoTime() + Math.max(0, unit.toNanos(time)));
    }

    /**
     * Puts the barrier back in its initial state; parties waiting now get {@link BrokenBarrierException}.
     */
    public void reset()
    {
        checkOpen();
        barrier.reset();
    }

    /**
     * Breaks the barrier: parties waiting now, and those arriving until {@link #reset()}, get
     * {@link BrokenBarrierException}.
     */
    public void abort()
    {
        checkOpen();
        barrier.abort();
    }

    /**
     * @return whether the barrier is broken (after a timeout, interrupt, abort, failed action or dead waiter).
     */
    public boolean isBroken()
    {
        checkOpen();
        barrier.breakIfAWaiterDied();
        return barrier.isBroken();
    }

    public int parties()
    {
        return barrier.parties();
    }

    /**
     * @return parties waiting now (Python's {@code n_waiting}).
     */
    public int numberWaiting()
    {
        checkOpen();
        return barrier.waiting();
    }

    public String toString()
    {
        return isClosed() ? "SharedBarrier[closed]" : "SharedBarrier[" + barrier.waiting() + "/" + parties() +
            (barrier.isBroken() ? " broken" : "") + ", " + handle() + "]";
    }

    private int awaitUntil(final long deadlineNanos)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        checkOpen();
        return barrier.await(deadlineNanos, context.idlePolicy().newIdleStrategy(), action);
    }

    private synchronized BarrierAction decodeAction(final byte[] encoded)
    {
        if (null == decodedAction)
        {
            decodedAction = (BarrierAction)SerializedFunctions.decode(encoded);
        }
        return decodedAction;
    }

    private void runAction(final byte[] encoded)
    {
        try
        {
            decodeAction(encoded).run();
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new MultiprocessingException("barrier action failed: " + ex, ex);
        }
    }
}
