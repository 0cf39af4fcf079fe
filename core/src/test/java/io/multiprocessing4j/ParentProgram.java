package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLong;

/**
 * A program that starts child processes, run as its own JVM by {@link ProcessLifecycleTest} so that the
 * test can kill it or watch it exit. Prints one line describing what it started.
 */
public final class ParentProgram
{
    private ParentProgram()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        switch (args[0])
        {
            case "orphans":
            {
                final ShmContext shm = ShmContext.create();
                final SharedLong counter = SharedLong.create(shm, 0);
                final JvmProcess first = new JvmProcess(() -> ParentProgram.holdOn(counter)).start();
                final JvmProcess second = new JvmProcess(() -> ParentProgram.holdOn(counter)).setDaemon(true).start();
                while (counter.get() < 2)
                {
                    Thread.onSpinWait();
                }
                System.out.println(first.pid() + " " + second.pid() + " " + shm.directory());
                Thread.sleep(60_000);
                break;
            }
            case "grandchild":
            {
                final ShmContext shm = ShmContext.create();
                final SharedLong grandchild = SharedLong.create(shm, 0);
                final JvmProcess child = new JvmProcess(() -> ParentProgram.startGrandchild(grandchild)).start();
                while (0 == grandchild.get())
                {
                    Thread.onSpinWait();
                }
                System.out.println(child.pid() + " " + grandchild.get());
                Thread.sleep(60_000);
                break;
            }
            case "daemon":
            {
                final JvmProcess child = new JvmProcess(() -> Targets.sleep(60_000)).setDaemon(true).start();
                System.out.println(child.pid());
                break;
            }
            case "non-daemon":
            {
                final JvmProcess child = new JvmProcess(() -> Targets.sleep(1_500)).start();
                System.out.println(child.pid());
                break;
            }
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    static void startGrandchild(final SharedLong pid)
    {
        pid.set(new JvmProcess(() -> Targets.sleep(60_000)).start().pid());
        Targets.sleep(60_000);
    }

    static void holdOn(final SharedLong counter)
    {
        counter.incrementAndGet();
        Targets.sleep(60_000);
    }
}
