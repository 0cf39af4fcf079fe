package io.multiprocessing4j.samples.seed001;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.shm.ShmContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001, synchronization with a {@code Queue}: five JVMs each double one number and put the result in
 * a shared queue, which the parent prints after joining them. No lock is needed: the queue is process-safe.
 * <pre>
 * data_queue = Queue()
 * processes = [Process(target=process_data, args=(data_queue, d)) for d in data]
 * </pre>
 */
public final class ProcessedData
{
    private ProcessedData()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedQueue<Integer> dataQueue = SharedQueue.create(context))
        {
            final List<JvmProcess> processes = new ArrayList<>();
            for (final int d : new int[] {1, 2, 3, 4, 5})
            {
                processes.add(new JvmProcess(() -> processData(dataQueue, d)));
            }
            for (final JvmProcess p : processes)
            {
                p.start();
            }
            for (final JvmProcess p : processes)
            {
                p.join();
            }
            while (!dataQueue.isEmpty())
            {
                System.out.println("Processed data: " + dataQueue.take());
            }
        }
    }

    static void processData(final SharedQueue<Integer> queue, final int data) throws InterruptedException
    {
        final int result = data * 2;
        queue.put(result);
    }
}
