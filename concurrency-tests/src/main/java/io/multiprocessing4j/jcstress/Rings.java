package io.multiprocessing4j.jcstress;

import io.multiprocessing4j.shm.IdlePolicy;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.ring.MpmcRing;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Fresh MPMC rings for jcstress states: each over a heap buffer of its own, all sharing one context's process
 * table (the ring needs one for its claims; nothing here dies). The context is closed when the JVM exits.
 */
final class Rings
{
    static final int CAPACITY = 4;
    static final int SLOT_LENGTH = 64;
    static final IdlePolicy NO_WAIT = null;

    private static final ShmContext CONTEXT = ShmContext.create();

    private Rings()
    {
    }

    static MpmcRing newRing()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MpmcRing.regionLength(CAPACITY, SLOT_LENGTH)]);
        MpmcRing.initialize(buffer, 0, CAPACITY, SLOT_LENGTH, 100);
        return new MpmcRing(buffer, 0, CONTEXT.processes());
    }

    static UnsafeBuffer message(final long value)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[56]);
        for (int i = 0; i < 56; i += Long.BYTES)
        {
            message.putLong(i, value);
        }
        return message;
    }
}
