package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedInt;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.MappedByteBuffer;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code value-increment-2proc}: two processes each increment one shared int {@code n} times, released
 * together; the figure is the time from release to the last increment, and the final count must be exact.
 * The {@code -warm} variant first runs the same increment loop once, untimed, in each JVM (as a long-lived
 * pool worker or a WARM-started process would have); Python, with no JIT, runs the same script for both.
 * Python uses {@code Value('i')} with {@code get_lock()}; we use {@link SharedInt#incrementAndGet()};
 * raw Agrona uses {@code UnsafeBuffer.getAndAddInt} on the same mapped file.
 */
final class ValueIncrementWorkload implements Workload
{
    private static final int READY = 0;
    private static final int GO = 1;
    private static final int END_TIME = 2;

    private final int increments;
    private final boolean warm;

    ValueIncrementWorkload(final int increments, final boolean warm)
    {
        this.increments = increments;
        this.warm = warm;
    }

    public String name()
    {
        return warm ? "value-increment-2proc-warm" : "value-increment-2proc";
    }

    public String unit()
    {
        return "ms for 2 x " + increments + " increments";
    }

    public boolean higherIsBetter()
    {
        return false;
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("value_increment.py", "--increments", "" + increments, "--trials", "" + trials);
    }

    public Trial trial(final String mode) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedInt counter = SharedInt.create(context, 0);
             SharedLongArray control = SharedLongArray.create(context, END_TIME + 2))
        {
            final List<Process> workers = List.of(
                WorkerJvm.start(Worker.class, mode, counter.handle().toString(), control.handle().toString(),
                    "" + increments, "0", "" + warm),
                WorkerJvm.start(Worker.class, mode, counter.handle().toString(), control.handle().toString(),
                    "" + increments, "1", "" + warm));
            WorkerJvm.spinUntil(() -> 2 == control.get(READY), workers);
            counter.set(0);
            final long start = System.nanoTime();
            control.set(GO, 1);
            for (final Process worker : workers)
            {
                WorkerJvm.awaitSuccess(worker);
            }
            if (2L * increments != counter.get())
            {
                throw new IllegalStateException("lost increments: " + counter.get() + " != " + 2L * increments);
            }
            return Trial.of((Math.max(control.get(END_TIME), control.get(END_TIME + 1)) - start) / 1e6);
        }
    }

    /**
     * {@code Worker MODE COUNTER CONTROL N INDEX WARM}: one incrementing process.
     */
    public static final class Worker
    {
        public static void main(final String[] args)
        {
            final SharedHandle counterHandle = SharedHandle.parse(args[1]);
            final int n = Integer.parseInt(args[3]);
            final int index = Integer.parseInt(args[4]);
            final boolean warm = Boolean.parseBoolean(args[5]);
            final long end;
            try (SharedLongArray control = SharedLongArray.attach(SharedHandle.parse(args[2])))
            {
                if (OURS.equals(args[0]))
                {
                    try (SharedInt counter = SharedInt.attach(counterHandle))
                    {
                        if (warm)
                        {
                            increment(counter, n);
                        }
                        awaitGo(control);
                        increment(counter, n);
                        end = System.nanoTime();
                    }
                }
                else
                {
                    final MappedByteBuffer mapping = IoUtil.mapExistingFile(counterHandle.file().toFile(), "counter");
                    final UnsafeBuffer buffer = new UnsafeBuffer(mapping);
                    if (warm)
                    {
                        increment(buffer, counterHandle.offset(), n);
                    }
                    awaitGo(control);
                    increment(buffer, counterHandle.offset(), n);
                    end = System.nanoTime();
                    IoUtil.unmap(mapping);
                }
                control.set(END_TIME + index, end);
            }
        }

        private static void increment(final SharedInt counter, final int n)
        {
            for (int i = 0; i < n; i++)
            {
                counter.incrementAndGet();
            }
        }

        private static void increment(final UnsafeBuffer buffer, final int offset, final int n)
        {
            for (int i = 0; i < n; i++)
            {
                buffer.getAndAddInt(offset, 1);
            }
        }

        /**
         * Parks between polls rather than spinning, so that waiting workers leave the cores to the parent,
         * as Python's workers do blocked on their Barrier; the wake-up costs tens of microseconds.
         */
        private static void awaitGo(final SharedLongArray control)
        {
            control.incrementAndGet(READY);
            while (0 == control.get(GO))
            {
                LockSupport.parkNanos(10_000);
            }
        }
    }
}
