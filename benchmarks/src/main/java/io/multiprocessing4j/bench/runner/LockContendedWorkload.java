package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.MappedByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * {@code lock-contended-2proc}: two processes each lock and unlock one shared lock {@code n} times, released
 * together by an event; the figure is lock/unlock pairs per second from the release to the last unlock.
 * Python does the same with one {@code multiprocessing.Lock} ({@code lock_contended.py}); the raw-Agrona
 * anchor is a bare CAS spin lock on a word of a mapped file, with none of {@link SharedLock}'s owner
 * tracking, death recovery or parking.
 */
final class LockContendedWorkload implements Workload
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int READY = 0;
    private static final int END_TIME = 1;
    private static final int SPIN_LOCK = 8;

    private final int pairs;

    LockContendedWorkload(final int pairs)
    {
        this.pairs = pairs;
    }

    public String name()
    {
        return "lock-contended-2proc";
    }

    public String unit()
    {
        return "lock/unlock pairs per s, 2 processes";
    }

    public boolean higherIsBetter()
    {
        return true;
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("lock_contended.py", "--pairs", "" + pairs, "--trials", "" + trials);
    }

    public Trial trial(final String mode) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedLock lock = SharedLock.create(context);
             SharedEvent go = SharedEvent.create(context);
             SharedLongArray control = SharedLongArray.create(context, SPIN_LOCK + 1))
        {
            final int n = pairs;
            final boolean raw = AGRONA.equals(mode);
            final JvmProcess first = new JvmProcess(() -> work(raw, lock, go, control, n, 0)).setDaemon(true).start();
            final JvmProcess second = new JvmProcess(() -> work(raw, lock, go, control, n, 1)).setDaemon(true).start();
            while (control.get(READY) < 2)
            {
                Thread.onSpinWait();
            }
            final long start = System.nanoTime();
            go.set();
            for (final JvmProcess worker : List.of(first, second))
            {
                if (!worker.join(TIMEOUT) || 0 != worker.exitCode().orElse(-1))
                {
                    throw new IllegalStateException(worker + " failed: " + worker.exception());
                }
            }
            return Trial.of(2.0 * n / ((Math.max(control.get(END_TIME), control.get(END_TIME + 1)) - start) / 1e9));
        }
    }

    static void work(
        final boolean raw,
        final SharedLock lock,
        final SharedEvent go,
        final SharedLongArray control,
        final int n,
        final int index) throws InterruptedException
    {
        control.incrementAndGet(READY);
        go.await();
        if (raw)
        {
            spinLockAndUnlock(control.handle(), n);
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                lock.lock();
                lock.unlock();
            }
        }
        control.set(END_TIME + index, System.nanoTime());
    }

    private static void spinLockAndUnlock(final SharedHandle handle, final int n)
    {
        final MappedByteBuffer mapping = IoUtil.mapExistingFile(handle.file().toFile(), "control");
        final UnsafeBuffer buffer = new UnsafeBuffer(mapping);
        final int word = handle.offset() + SPIN_LOCK * Long.BYTES;
        for (int i = 0; i < n; i++)
        {
            while (!buffer.compareAndSetLong(word, 0, 1))
            {
                Thread.onSpinWait();
            }
            buffer.putLongRelease(word, 0);
        }
        IoUtil.unmap(mapping);
    }
}
