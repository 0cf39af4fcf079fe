package io.multiprocessing4j.samples.seed001;

import io.multiprocessing4j.ProcessPoolExecutor;
import io.multiprocessing4j.function.SerializableCallable;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;

/**
 * Seed 001's {@code ProcessPoolExecutor}: submit a task per argument, then take the results as the tasks
 * complete ({@code as_completed}), here through a queue each future adds itself to when done.
 * <pre>
 * executor = ProcessPoolExecutor(max_workers=4)
 * tasks = [executor.submit(my_task, arg) for arg in arguments]
 * for completed_task in as_completed(tasks): result = completed_task.result()
 * </pre>
 */
public final class ExecutorAsCompleted
{
    private ExecutorAsCompleted()
    {
    }

    static int myTask(final int argument) throws InterruptedException
    {
        Thread.sleep(50L * (5 - argument));
        return argument * argument;
    }

    public static void main(final String[] args) throws Exception
    {
        final List<Integer> arguments = IntStream.range(0, 5).boxed().toList();
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(4))
        {
            final LinkedBlockingQueue<CompletableFuture<Integer>> asCompleted = new LinkedBlockingQueue<>();
            for (final int argument : arguments)
            {
                final CompletableFuture<Integer> task =
                    executor.submit((SerializableCallable<Integer>)() -> myTask(argument));
                task.whenComplete((result, failure) -> asCompleted.add(task));
            }
            for (int i = 0; i < arguments.size(); i++)
            {
                final int result = asCompleted.take().get();
                System.out.println("Result: " + result);
            }
        }
    }
}
