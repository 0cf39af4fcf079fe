package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedDoubleArray;
import io.multiprocessing4j.shm.value.SharedLong;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.MappedByteBuffer;
import java.util.List;

/**
 * {@code array-fill-sum}: a child process fills a shared array of {@code n} doubles element by element,
 * then the parent sums it. The figure is the child's fill time plus the parent's sum time (process start
 * excluded on every side). Python uses {@code Array('d', n, lock=False)}, its fastest per-element form.
 */
final class ArrayFillSumWorkload implements Workload
{
    private final int length;

    ArrayFillSumWorkload(final int length)
    {
        this.length = length;
    }

    public String name()
    {
        return "array-fill-sum";
    }

    public String unit()
    {
        return "ms to fill and sum " + length + " doubles";
    }

    public boolean higherIsBetter()
    {
        return false;
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("array_fill_sum.py", "--length", "" + length, "--trials", "" + trials);
    }

    public Trial trial(final String mode) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedDoubleArray array = SharedDoubleArray.create(context, length);
             SharedLong fillNanos = SharedLong.create(context, 0))
        {
            WorkerJvm.awaitSuccess(
                WorkerJvm.start(Worker.class, mode, array.handle().toString(), fillNanos.handle().toString()));
            final long start = System.nanoTime();
            final double sum;
            if (OURS.equals(mode))
            {
                double s = 0;
                for (int i = 0; i < length; i++)
                {
                    s += array.getPlain(i);
                }
                sum = s;
            }
            else
            {
                sum = rawSum(array.handle(), length);
            }
            final long sumNanos = System.nanoTime() - start;
            final double expected = 0.5 * ((double)length * (length - 1) / 2);
            if (expected != sum)
            {
                throw new IllegalStateException("wrong sum: " + sum + " != " + expected);
            }
            return Trial.of((fillNanos.get() + sumNanos) / 1e6);
        }
    }

    private static double rawSum(final SharedHandle handle, final int length)
    {
        final MappedByteBuffer mapping = IoUtil.mapExistingFile(handle.file().toFile(), "array");
        final UnsafeBuffer buffer = new UnsafeBuffer(mapping);
        double sum = 0;
        for (int i = 0; i < length; i++)
        {
            sum += buffer.getDouble(handle.offset() + (i << 3));
        }
        IoUtil.unmap(mapping);
        return sum;
    }

    /**
     * {@code Worker MODE ARRAY FILL_NANOS}: fills the array with {@code i * 0.5}.
     */
    public static final class Worker
    {
        public static void main(final String[] args)
        {
            final SharedHandle arrayHandle = SharedHandle.parse(args[1]);
            try (SharedLong fillNanos = SharedLong.attach(SharedHandle.parse(args[2])))
            {
                if (OURS.equals(args[0]))
                {
                    try (SharedDoubleArray array = SharedDoubleArray.attach(arrayHandle))
                    {
                        final long start = System.nanoTime();
                        for (int i = 0; i < array.length(); i++)
                        {
                            array.setPlain(i, i * 0.5);
                        }
                        fillNanos.set(System.nanoTime() - start);
                    }
                }
                else
                {
                    final MappedByteBuffer mapping = IoUtil.mapExistingFile(arrayHandle.file().toFile(), "array");
                    final UnsafeBuffer buffer = new UnsafeBuffer(mapping);
                    final int length = (buffer.capacity() - arrayHandle.offset()) >> 3;
                    final long start = System.nanoTime();
                    for (int i = 0; i < length; i++)
                    {
                        buffer.putDouble(arrayHandle.offset() + (i << 3), i * 0.5);
                    }
                    fillNanos.set(System.nanoTime() - start);
                    IoUtil.unmap(mapping);
                }
            }
        }
    }
}
