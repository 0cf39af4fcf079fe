package io.multiprocessing4j.bench.runner;

import io.multiprocessing4j.JvmProcess;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.shm.SharedHandle;
import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.MappedByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * {@code event-pingpong}: one process sets {@code ping} and waits for {@code pong}; the other waits for
 * {@code ping}, clears it and sets {@code pong}. The figures are the p50, p99 and p99.9 round trip over
 * {@value #ROUND_TRIPS} of them, after as many untimed ones. Python does the same with two
 * {@code multiprocessing.Event}s; raw Agrona spins on two words of a mapped file.
 */
final class EventPingPongWorkload implements Workload
{
    static final int ROUND_TRIPS = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    public String name()
    {
        return "event-pingpong";
    }

    public String unit()
    {
        return "us per round trip (p50)";
    }

    public boolean higherIsBetter()
    {
        return false;
    }

    public List<String> pythonCommand(final int trials)
    {
        return List.of("event_pingpong.py", "--round-trips", "" + ROUND_TRIPS, "--trials", "" + trials);
    }

    public Trial trial(final String mode) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedEvent ping = SharedEvent.create(context);
             SharedEvent pong = SharedEvent.create(context);
             SharedLongArray words = SharedLongArray.create(context, 32))
        {
            final long[] rounds = new long[2 * ROUND_TRIPS];
            if (OURS.equals(mode))
            {
                final JvmProcess other = new JvmProcess(() -> answer(ping, pong,
                    rounds.length)).setDaemon(true).start();
                for (int i = 0; i < rounds.length; i++)
                {
                    final long start = System.nanoTime();
                    ping.set();
                    pong.await();
                    pong.clear();
                    rounds[i] = System.nanoTime() - start;
                }
                if (!other.join(TIMEOUT))
                {
                    throw new IllegalStateException(other + " did not finish");
                }
            }
            else
            {
                final Process other = WorkerJvm.start(RawAnswer.class, words.handle().toString(), "" + rounds.length);
                final MappedByteBuffer mapping =
                    IoUtil.mapExistingFile(words.handle().file().toFile(), "words");
                final UnsafeBuffer buffer = new UnsafeBuffer(mapping);
                final int pingOffset = words.handle().offset();
                final int pongOffset = pingOffset + 128;
                for (int i = 0; i < rounds.length; i++)
                {
                    final long start = System.nanoTime();
                    buffer.putLongVolatile(pingOffset, i + 1);
                    while (buffer.getLongVolatile(pongOffset) != i + 1)
                    {
                        Thread.onSpinWait();
                    }
                    rounds[i] = System.nanoTime() - start;
                }
                WorkerJvm.awaitSuccess(other);
                IoUtil.unmap(mapping);
            }
            return Trial.ofLatencies(rounds, ROUND_TRIPS);
        }
    }

    static void answer(final SharedEvent ping, final SharedEvent pong, final int rounds) throws InterruptedException
    {
        for (int i = 0; i < rounds; i++)
        {
            ping.await();
            ping.clear();
            pong.set();
        }
    }

    /**
     * {@code RawAnswer HANDLE ROUNDS}: the raw-Agrona answering side, spinning on a word of the mapped file.
     */
    public static final class RawAnswer
    {
        public static void main(final String[] args)
        {
            final SharedHandle handle = SharedHandle.parse(args[0]);
            final int rounds = Integer.parseInt(args[1]);
            final MappedByteBuffer mapping = IoUtil.mapExistingFile(handle.file().toFile(), "words");
            final UnsafeBuffer buffer = new UnsafeBuffer(mapping);
            final int pingOffset = handle.offset();
            final int pongOffset = pingOffset + 128;
            for (long i = 1; i <= rounds; i++)
            {
                while (buffer.getLongVolatile(pingOffset) != i)
                {
                    Thread.onSpinWait();
                }
                buffer.putLongVolatile(pongOffset, i);
            }
            IoUtil.unmap(mapping);
        }
    }
}
