package io.multiprocessing4j.samples.seed004;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.shm.ShmContext;

/**
 * Seed 004, message passing with a {@code Queue}: one child JVM puts the squares of a list in a shared
 * queue and exits; a second child JVM prints the queue's items until it is empty.
 * <pre>
 * q = multiprocessing.Queue()
 * p1 = multiprocessing.Process(target=square_list, args=(mylist, q))
 * p2 = multiprocessing.Process(target=print_queue, args=(q,))
 * </pre>
 */
public final class SquareListQueue
{
    private SquareListQueue()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int[] mylist = {1, 2, 3, 4};

        try (ShmContext context = ShmContext.create();
             SharedQueue<Integer> q = SharedQueue.create(context))
        {
            final JvmProcess p1 = new JvmProcess(() -> squareList(mylist, q));
            final JvmProcess p2 = new JvmProcess(() -> printQueue(q));

            p1.start();
            p1.join();

            p2.start();
            p2.join();
        }
    }

    static void squareList(final int[] mylist, final SharedQueue<Integer> q) throws InterruptedException
    {
        for (final int num : mylist)
        {
            q.put(num * num);
        }
    }

    static void printQueue(final SharedQueue<Integer> q) throws InterruptedException
    {
        System.out.println("Queue elements:");
        while (!q.isEmpty())
        {
            System.out.println(q.take());
        }
        System.out.println("Queue is now empty!");
    }
}
