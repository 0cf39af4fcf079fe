package io.multiprocessing4j;

import io.multiprocessing4j.shm.value.SharedLongArray;

import java.util.logging.Logger;

/**
 * Process targets used by the tests; they run in child JVMs (or threads) and report through shared arrays.
 */
final class Targets
{
    static final int PID = 0;
    static final int OS_PARENT_PID = 1;
    static final int PARENT_PID = 2;
    static final int NAME_HASH = 3;
    static final int DONE = 4;
    static final int SLOTS = 5;

    private Targets()
    {
    }

    static void recordIdentity(final SharedLongArray out)
    {
        out.set(PID, ProcessHandle.current().pid());
        out.set(OS_PARENT_PID, ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
        out.set(PARENT_PID, Multiprocessing.parentProcess().map(ProcessInfo::pid).orElse(-1L));
        out.set(NAME_HASH, Multiprocessing.currentProcess().name().hashCode());
        out.set(DONE, 1);
    }

    static void nothing()
    {
    }

    static void fail(final String message)
    {
        throw new IllegalArgumentException(message);
    }

    static void exitWith(final int code)
    {
        Multiprocessing.exit(code);
    }

    static void systemExit(final int code)
    {
        System.exit(code);
    }

    static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    static void sleepThenMark(final long millis, final SharedLongArray out)
    {
        sleep(millis);
        out.set(DONE, 1);
    }

    static void print(final String line)
    {
        System.out.println(line);
        System.err.println("err:" + line);
    }

    static void log(final String message)
    {
        Logger.getLogger("multiprocessing").info(message);
    }
}
