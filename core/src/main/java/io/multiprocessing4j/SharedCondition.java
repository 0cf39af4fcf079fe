package io.multiprocessing4j;

import io.multiprocessing4j.shm.MappedFiles;
import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionPart;
import static io.multiprocessing4j.shm.sync.ConditionDescriptor.GENERATION_OFFSET;
import static io.multiprocessing4j.shm.sync.ConditionDescriptor.LOCK_HANDLE_OFFSET;
import static io.multiprocessing4j.shm.sync.ConditionDescriptor.WAITERS_OFFSET;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/**
 * Python's {@code multiprocessing.Condition}: a {@link Condition} shared by every process that has it, bound
 * to a {@link SharedLock} (the lock travels with it). {@link #await()} unlocks, waits for a
 * {@link #signal()} or {@link #signalAll()}, and locks again; the caller must hold the lock, and, as with
 * every {@link Condition}, must wait in a loop that re-checks its predicate. {@code signal()} wakes every
 * current waiter, as {@code signalAll()} does (a wake-up the {@link Condition} contract allows as spurious):
 * one-waiter hand-off across processes cannot be made both fair and safe against waiters that time out or
 * die without a kernel queue. If the lock's holder dies, the waiter that re-locks it reports it as
 * {@link SharedLock} does. Waiting follows the context's {@link io.multiprocessing4j.shm.IdlePolicy}.
 * Passes to child processes by handle. Thread-safe.
 * <p>
 * Layout: {@link io.multiprocessing4j.shm.sync.ConditionDescriptor}. A signal bumps the generation, which every
 * waiter that arrived before it watches; the waiter count is for diagnostics.
 */
public final class SharedCondition extends SharedObject implements Condition
{
    private static final long serialVersionUID = 1L;
    private static final int MAX_HANDLE_BYTES = 4096;
    private static final int LENGTH = LOCK_HANDLE_OFFSET + Integer.BYTES + MAX_HANDLE_BYTES;
    private final transient UnsafeBuffer buffer;
    private final transient int base;
    private final transient SharedLock lock;
    private final transient ShmContext context;

    private SharedCondition(final MappedRegion region, final SharedLock lock, final ShmContext context)
    {
        super(region);
        this.context = context;
        this.buffer = region.buffer();
        this.base = region.dataOffset();
        this.lock = lock;
    }

    /**
     * @param context where the condition lives.
     * @param lock    the lock it is bound to (Python's {@code Condition(lock)}).
     * @return a new condition.
     */
    public static SharedCondition create(final ShmContext context, final SharedLock lock)
    {
        Objects.requireNonNull(lock, "lock");
        final MappedRegion region = newRegion(context, RegionType.SYNC, LENGTH / Long.BYTES + 1, "condition",
            RegionPart.of(RegionPart.Kind.CONDITION, 0));
        final String handle = lock.handle().toString();
        if (handle.length() > MAX_HANDLE_BYTES / 3)
        {
            region.close();
            throw new IllegalArgumentException("lock handle too long: " + handle);
        }
        final int length = region.buffer().putStringUtf8(region.dataOffset() + LOCK_HANDLE_OFFSET, handle);
        if (length > Integer.BYTES + MAX_HANDLE_BYTES)
        {
            region.close();
            throw new IllegalArgumentException("lock handle too long: " + handle);
        }
        return new SharedCondition(region, lock, context);
    }

    /**
     * @param handle what {@link #handle()} returned in another JVM.
     * @return the same condition, with its lock, in this JVM.
     */
    public static SharedCondition attach(final SharedHandle handle)
    {
        final MappedRegion region = attachRegion(handle, RegionType.SYNC);
        try
        {
            final String lockHandle =
                region.buffer().getStringUtf8(region.dataOffset() + LOCK_HANDLE_OFFSET);
            return new SharedCondition(region, SharedLock.attach(SharedHandle.parse(lockHandle)),
                AbstractSharedLock.contextOf(handle, region));
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * @return the lock this condition is bound to.
     */
    public SharedLock lock()
    {
        return lock;
    }

    public void await() throws InterruptedException
    {
        awaitUntilNanos(Long.MAX_VALUE);
    }

    public void awaitUninterruptibly()
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                awaitUntilNanos(Long.MAX_VALUE);
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Math.max(0, nanosTimeout);
        awaitUntilNanos(deadline);
        return deadline - System.nanoTime();
    }

    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        return awaitUntilNanos(System.nanoTime() + Math.max(0, unit.toNanos(time)));
    }

    /**
     * @return false if the timeout passed first (Python's {@code wait(timeout)} result).
     */
    public boolean await(final Duration timeout) throws InterruptedException
    {
        return awaitUntilNanos(System.nanoTime() + Math.max(0, timeout.toNanos()));
    }

    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        return await(deadline.getTime() - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until {@code predicate} holds, testing it first and after each wake-up (Python's
     * {@code wait_for(predicate, timeout)}). The caller holds the lock, and so does the predicate each time it
     * runs; the predicate should only read what the lock guards.
     *
     * @return the predicate's last value: false if the timeout passed first.
     * @throws IllegalMonitorStateException if this thread does not hold the lock.
     */
    public boolean awaitUntil(final BooleanSupplier predicate, final Duration timeout) throws InterruptedException
    {
        Objects.requireNonNull(predicate, "predicate");
        final long deadline = System.nanoTime() + Math.max(0, saturatedNanos(timeout));
        boolean result = predicate.getAsBoolean();
        while (!result && deadline - System.nanoTime() > 0)
        {
            awaitUntilNanos(deadline);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Waits, for as long as it takes, until {@code predicate} holds (Python's {@code wait_for(predicate)}).
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock.
     */
    public void awaitUntil(final BooleanSupplier predicate) throws InterruptedException
    {
        Objects.requireNonNull(predicate, "predicate");
        while (!predicate.getAsBoolean())
        {
            awaitUntilNanos(Long.MAX_VALUE);
        }
    }

    private static long saturatedNanos(final Duration timeout)
    {
        Objects.requireNonNull(timeout, "timeout");
        try
        {
            return Math.min(timeout.toNanos(), Long.MAX_VALUE / 2);
        }
        catch (final ArithmeticException ex)
        {
            return timeout.isNegative() ? 0 : Long.MAX_VALUE / 2;
        }
    }

    /**
     * Wakes the waiters (Python's {@code notify()}); see the class comment for why all of them.
     */
    public void signal()
    {
        signalAll();
    }

    /**
     * Wakes every waiter (Python's {@code notify_all()}).
     */
    public void signalAll()
    {
        checkOpen();
        buffer.getAndAddLong(base + GENERATION_OFFSET, 1);
    }

    public String toString()
    {
        return isClosed() ? "SharedCondition[closed]" :
            "SharedCondition[waiters=" + buffer.getLongVolatile(base + WAITERS_OFFSET) + ", " + lock + "]";
    }

    /**
     * @return whether it was signalled (false if the deadline passed first); the lock is held again either way.
     */
    private boolean awaitUntilNanos(final long deadlineNanos) throws InterruptedException
    {
        checkOpen();
        if (!lock.isLocked())
        {
            throw new IllegalMonitorStateException("await on a SharedCondition whose lock is not held: " + this);
        }
        final long generation = buffer.getLongVolatile(base + GENERATION_OFFSET);
        buffer.getAndAddLong(base + WAITERS_OFFSET, 1);
        lock.unlock();
        boolean signalled = false;
        InterruptedException interrupted = null;
        try
        {
            final IdleStrategy idle = MappedFiles.checking(buffer, context.idlePolicy().newIdleStrategy());
            while (true)
            {
                if (buffer.getLongVolatile(base + GENERATION_OFFSET) != generation)
                {
                    signalled = true;
                    break;
                }
                if (Thread.interrupted())
                {
                    interrupted = new InterruptedException("interrupted while waiting on " + this);
                    break;
                }
                if (System.nanoTime() - deadlineNanos >= 0)
                {
                    break;
                }
                idle.idle();
            }
        }
        catch (final InternalError ex)
        {
            throw MappedFiles.fault(ex); // the file is grown back, so the clean-up below touches zeros
        }
        finally
        {
            buffer.getAndAddLong(base + WAITERS_OFFSET, -1);
            lock.lock();
        }
        if (null != interrupted)
        {
            throw interrupted;
        }
        return signalled;
    }
}
