package io.multiprocessing4j.samples.seed000;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Multiprocessing;

/**
 * Seed 000, "Process start/join": the parent and the child print their process ids; the child sleeps
 * (5 seconds, or the number given) and the parent waits for it with {@code join}.
 * <pre>
 * p = Process(target=task, args=('firstone'))
 * p.start()
 * p.join()
 * </pre>
 */
public final class ParentAndChildIds
{
    private ParentAndChildIds()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final long sleepSeconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        System.out.println("In parent process, id " + ProcessHandle.current().pid());
        final JvmProcess p = new JvmProcess(() -> task("firstone", sleepSeconds));

        p.start();
        System.out.println("In parent process, after child process start");
        System.out.println("parent process about to join child process");

        p.join();
        System.out.println("In parent process, after child process join");
        System.out.println("parent process exiting with id " + ProcessHandle.current().pid());
        System.out.println("the parent's parent process: " +
            ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
    }

    static void task(final String name, final long sleepSeconds)
    {
        System.out.println("Starting child process with id: " + Multiprocessing.currentProcess().pid());
        System.out.println("Parent process: " + Multiprocessing.parentProcess().orElseThrow().pid());
        System.out.println("Task start: just sleeps " + sleepSeconds + " seconds ...");
        try
        {
            Thread.sleep(sleepSeconds * 1_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        System.out.println("Task done");
    }
}
