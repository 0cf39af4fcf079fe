package io.multiprocessing4j;

import io.multiprocessing4j.manager.Manager;
import io.multiprocessing4j.shm.MissingJvmFlagException;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.test.ChildJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JVM started without the one flag the library needs gets {@link MissingJvmFlagException} naming it from every
 * public entry point, before anything else can fail: {@code Pool.create} used to throw
 * {@code IllegalAccessError ... jdk.internal.misc.Unsafe} from a field initializer, then
 * {@code NoClassDefFoundError} on the next use (issue 20).
 */
final class MissingFlagTest
{
    @ParameterizedTest
    @ValueSource(strings = {"pool", "executor", "manager", "manager-connect", "process", "queue"})
    void everyEntryPointNamesTheMissingFlag(final String entryPoint) throws Exception
    {
        try (ChildJvm child = ChildJvm.startBare(EntryPoint.class, entryPoint))
        {
            assertEquals(0, child.awaitExit(Duration.ofSeconds(60)), child::stderr);
            assertEquals(MissingJvmFlagException.class.getName() + " twice", child.remainingStdout().get(0),
                child::stderr);
        }
    }

    /**
     * Calls one entry point twice (the second call must not find a half-initialized class) and prints what
     * each threw.
     */
    public static final class EntryPoint
    {
        public static void main(final String[] args) throws Exception
        {
            final String first = thrownBy(args[0]);
            final String second = thrownBy(args[0]);
            System.out.println(first.equals(second) ? first + " twice" : first + " then " + second);
        }

        private static String thrownBy(final String entryPoint)
        {
            try
            {
                switch (entryPoint)
                {
                    case "pool" -> Pool.create(1).close();
                    case "executor" -> new ProcessPoolExecutor(1).close();
                    case "manager" -> Manager.start().close();
                    case "manager-connect" ->
                        Manager.connect(new InetSocketAddress("127.0.0.1", 9), new byte[] {1}).close();
                    case "process" -> new JvmProcess(() -> { }).start().join(Duration.ofSeconds(10));
                    case "queue" -> SharedQueue.create(ShmContext.create()).close();
                    default -> throw new IllegalArgumentException(entryPoint);
                }
                return "nothing";
            }
            catch (final Throwable ex)
            {
                return ex.getClass().getName();
            }
        }
    }
}
