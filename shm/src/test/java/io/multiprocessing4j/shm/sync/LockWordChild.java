package io.multiprocessing4j.shm.sync;

import io.multiprocessing4j.shm.MappedRegion;
import io.multiprocessing4j.shm.RegionType;
import io.multiprocessing4j.shm.ShmContext;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * A child JVM for {@link RobustLockWordTest}: {@code increment CONTEXT REGION N} adds 1 to a plain long
 * N times under the lock word; {@code hold CONTEXT REGION} takes the word, says "held" and sleeps.
 */
public final class LockWordChild
{
    static final int LOCK_OFFSET = 0;
    static final int COUNTER_OFFSET = LockWordDescriptor.WORD_LENGTH;

    private LockWordChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (ShmContext context = ShmContext.attach(Path.of(args[1]));
             MappedRegion region = MappedRegion.attach(Path.of(args[2]), RegionType.LONG_ARRAY, 5_000))
        {
            final UnsafeBuffer buffer = region.buffer();
            final int base = region.dataOffset();
            final RobustLockWord lock = new RobustLockWord(buffer, base + LOCK_OFFSET, context.processes());
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            if ("increment".equals(args[0]))
            {
                final int n = Integer.parseInt(args[3]);
                for (int i = 0; i < n; i++)
                {
                    if (RobustLockWord.AcquireResult.ACQUIRED != lock.acquire(Long.MAX_VALUE, idle))
                    {
                        throw new IllegalStateException("unexpected acquire result");
                    }
                    buffer.putLong(base + COUNTER_OFFSET, buffer.getLong(base + COUNTER_OFFSET) + 1);
                    if (!lock.release())
                    {
                        throw new IllegalStateException("lost the lock word");
                    }
                }
                System.out.println("done");
            }
            else
            {
                lock.acquire(Long.MAX_VALUE, idle);
                System.out.println("held");
                Thread.sleep(60_000);
            }
        }
    }
}
