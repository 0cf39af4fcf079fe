package io.multiprocessing4j.samples.seed001;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.shm.ShmContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001, "Data Structures and Queues": the parent fills a queue with 0..9 and three worker JVMs take
 * items until it is empty. The seed's {@code while not queue.empty(): queue.get()} can block forever if
 * another worker takes the last item in between; {@code poll()} returns null instead.
 * <pre>
 * my_queue = multiprocessing.Queue()
 * processes = [multiprocessing.Process(target=process_data, args=(my_queue,)) for _ in range(3)]
 * </pre>
 */
public final class QueueWorkers
{
    private QueueWorkers()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedQueue<Integer> myQueue = SharedQueue.create(context))
        {
            for (int i = 0; i < 10; i++)
            {
                myQueue.put(i);
            }

            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                processes.add(new JvmProcess(() -> processData(myQueue)));
            }
            for (final JvmProcess p : processes)
            {
                p.start();
            }
            for (final JvmProcess p : processes)
            {
                p.join();
            }
            System.out.println("All processes complete");
        }
    }

    static void processData(final SharedQueue<Integer> queue)
    {
        Integer data;
        while (null != (data = queue.poll()))
        {
            System.out.println("Processing " + data);
        }
    }
}
