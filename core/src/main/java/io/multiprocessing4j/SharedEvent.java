package io.multiprocessing4j;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionPart;
import io.multiprocessing4j.shm.sync.EventDescriptor;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedObject;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing.Event}: a flag shared by every process that has it; {@link #await()} waits
 * until it is set. ({@code Object.wait} is final in Java, hence the name.) Setting is a release store and
 * waiting an acquire load, so what the setter wrote before {@link #set()} is visible to a waiter that
 * returns. Waiters wait as the context's {@link io.multiprocessing4j.shm.IdlePolicy} says; by default a
 * hand-off to a waiter that is still spinning takes under a microsecond, and a long wait costs a few percent
 * of a core at most.
 * An event has no owner, so nothing needs recovering when a process dies. Passes to child processes by
 * handle. Thread-safe; use after {@link #close()} throws {@link IllegalStateException}.
 */
public final class SharedEvent extends SharedObject
{
    private static final long serialVersionUID = 1L;
    private final transient UnsafeBuffer buffer;
    private final transient int offset;
    private final transient ShmContext context;

    private SharedEvent(final MappedRegion region, final ShmContext context)
    {
        super(region);
        this.context = context;
        buffer = region.buffer();
        offset = region.dataOffset();
    }

    /**
     * @param context where the event lives.
     * @return a new event, not set.
     */
    public static SharedEvent create(final ShmContext context)
    {
        return new SharedEvent(newRegion(context, RegionType.SYNC, EventDescriptor.LENGTH / Long.BYTES, "event",
            RegionPart.of(RegionPart.Kind.EVENT, EventDescriptor.FLAG_OFFSET)), context);
    }

    /**
     * @param handle what {@link #handle()} returned in another JVM.
     * @return the same event, in this JVM.
     */
    public static SharedEvent attach(final SharedHandle handle)
    {
        final MappedRegion region = attachRegion(handle, RegionType.SYNC);
        return new SharedEvent(region, AbstractSharedLock.contextOf(handle, region));
    }

    /**
     * Sets the flag; every waiter returns.
     */
    public void set()
    {
        checkOpen();
        buffer.putLongRelease(offset + EventDescriptor.FLAG_OFFSET, EventDescriptor.SET);
    }

    /**
     * Clears the flag; later waiters wait again.
     */
    public void clear()
    {
        checkOpen();
        buffer.putLongRelease(offset + EventDescriptor.FLAG_OFFSET, EventDescriptor.CLEAR);
    }

    public boolean isSet()
    {
        checkOpen();
        return EventDescriptor.SET == buffer.getLongAcquire(offset + EventDescriptor.FLAG_OFFSET);
    }

    /**
     * Waits until the flag is set.
     */
    public void await() throws InterruptedException
    {
        awaitUntil(Long.MAX_VALUE);
    }

    /**
     * @param timeout how long to wait at most.
     * @return whether the flag is set (Python's {@code wait(timeout)} result).
     */
    public boolean await(final Duration timeout) throws InterruptedException
    {
        Objects.requireNonNull(timeout, "timeout");
        return awaitUntil(System.nanoTime() + Math.max(0, timeout.toNanos()));
    }

    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        return awaitUntil(System.nanoTime() + Math.max(0, unit.toNanos(time)));
    }

    public String toString()
    {
        return isClosed() ? "SharedEvent[closed]" : "SharedEvent[" + (isSet() ? "set" : "clear") + ", " + handle() +
            "]";
    }

    private boolean awaitUntil(final long deadlineNanos) throws InterruptedException
    {
        checkOpen();
        final int flag = offset + EventDescriptor.FLAG_OFFSET;
        return SharedWait.until(buffer, () -> EventDescriptor.SET == buffer.getLongAcquire(flag), deadlineNanos,
            context.idlePolicy(), () -> "interrupted while waiting for " + handle());
    }

}
