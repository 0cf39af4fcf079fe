package io.multiprocessing4j.samples.seed004;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedInt;
import io.multiprocessing4j.shm.value.SharedIntArray;

import java.util.Arrays;

/**
 * Seed 004, "Sharing data between processes" with {@code Array} and {@code Value}: a child JVM squares a
 * list into a shared int array and stores the sum in a shared int; the parent prints both after join.
 * <pre>
 * result = multiprocessing.Array('i', 4)
 * square_sum = multiprocessing.Value('i')
 * p1 = multiprocessing.Process(target=square_list, args=(mylist, result, square_sum))
 * </pre>
 */
public final class SharedValueAndArray
{
    private SharedValueAndArray()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int[] mylist = {1, 2, 3, 4};

        try (ShmContext context = ShmContext.create();
             SharedIntArray result = SharedIntArray.create(context, 4);
             SharedInt squareSum = SharedInt.create(context, 0))
        {
            final JvmProcess p1 = new JvmProcess(() -> squareList(mylist, result, squareSum));
            p1.start();
            p1.join();

            System.out.println("Result(in main program): " + Arrays.toString(result.toArray()));
            System.out.println("Sum of squares(in main program): " + squareSum.get());
        }
    }

    static void squareList(final int[] mylist, final SharedIntArray result, final SharedInt squareSum)
    {
        for (int idx = 0; idx < mylist.length; idx++)
        {
            result.set(idx, mylist[idx] * mylist[idx]);
        }
        squareSum.set(Arrays.stream(result.toArray()).sum());

        System.out.println("Result(in process p1): " + Arrays.toString(result.toArray()));
        System.out.println("Sum of squares(in process p1): " + squareSum.get());
    }
}
