package io.multiprocessing4j.samples.seed002;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.Multiprocessing;

/**
 * Seed 002, the Python docs' "show the individual process IDs" example: {@code info} runs in the main
 * process, then in a child that also says hello to bob. The child's parent pid is the main process's pid.
 * <pre>
 * info('main line')
 * p = Process(target=f, args=('bob',))
 * p.start()
 * p.join()
 * </pre>
 */
public final class InfoAndHelloBob
{
    private InfoAndHelloBob()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        info("main line");
        final JvmProcess p = new JvmProcess(() -> f("bob"));
        p.start();
        p.join();
    }

    static void info(final String title)
    {
        System.out.println(title);
        System.out.println("module name: " + InfoAndHelloBob.class.getName() + " (" +
            Multiprocessing.currentProcess().name() + ")");
        System.out.println("parent process: " + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
        System.out.println("process id: " + ProcessHandle.current().pid());
    }

    static void f(final String name)
    {
        info("function f");
        System.out.println("hello " + name);
    }
}
