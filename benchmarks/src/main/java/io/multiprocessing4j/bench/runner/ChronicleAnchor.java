package io.multiprocessing4j.bench.runner;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Chronicle Queue anchor of {@code queue-1p1c} and {@code pipe-pingpong}: the same exchange between two
 * JVMs through Chronicle Queues in a directory under {@code /dev/shm}, with 4-byte messages and spinning
 * tailers. Both JVMs are started with the options Chronicle needs ({@link #JVM_OPTIONS}), so the runner itself
 * never loads a Chronicle class.
 * <pre>
 * ChronicleAnchor (queue|pingpong) DIR COUNT   measures, and prints one {@link Trial} line
 * ChronicleAnchor (produce|echo) DIR COUNT     the other JVM
 * </pre>
 */
public final class ChronicleAnchor
{
    static final String QUEUE = "queue";
    static final String PINGPONG = "pingpong";
    private static final String PRODUCE = "produce";
    private static final String ECHO = "echo";

    /**
     * Chronicle's own list for Java 17 and later (its parent pom's {@code java17} profile), analytics and its
     * start-up banner off, and on JDK 24 or later the two options that keep its native and {@code Unsafe} calls
     * quiet.
     */
    static final List<String> JVM_OPTIONS = jvmOptions();

    private ChronicleAnchor()
    {
    }

    private static List<String> jvmOptions()
    {
        final List<String> options = new ArrayList<>(List.of(
            "-Dchronicle.analytics.disable=true",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24)
        {
            options.add("--enable-native-access=ALL-UNNAMED");
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(options);
    }

    /**
     * Runs one trial of {@code exchange} ({@link #QUEUE} or {@link #PINGPONG}) in two fresh JVMs and deletes
     * the queues afterwards.
     */
    static Trial trial(final String exchange, final int count) throws Exception
    {
        final Path shm = Path.of("/dev/shm");
        final Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        final Path dir = Files.createTempDirectory(base, "mp4j-bench-chronicle-");
        try
        {
            return Trial.parse(
                WorkerJvm.runForLine(JVM_OPTIONS, ChronicleAnchor.class, exchange, dir.toString(), "" + count));
        }
        finally
        {
            deleteTree(dir);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[1]);
        final int count = Integer.parseInt(args[2]);
        switch (args[0])
        {
            case QUEUE -> System.out.println(consume(dir, count).toLine());
            case PINGPONG -> System.out.println(ping(dir, count).toLine());
            case PRODUCE -> produce(dir, count);
            case ECHO -> echo(dir, count);
            default -> throw new IllegalArgumentException("unknown exchange '" + args[0] + "'");
        }
    }

    /**
     * Signals the producer twice through a control queue, reading its {@code count} messages untimed after the
     * first signal and timed after the second.
     */
    private static Trial consume(final Path dir, final int count) throws Exception
    {
        try (ChronicleQueue data = open(dir, "data");
             ChronicleQueue control = open(dir, "control"))
        {
            final Process producer =
                WorkerJvm.startWith(JVM_OPTIONS, ChronicleAnchor.class, PRODUCE, dir.toString(), "" + count);
            final ExcerptAppender signal = control.createAppender();
            final ExcerptTailer tailer = data.createTailer();
            write(signal, 0);
            readAll(tailer, count);
            final long start = System.nanoTime();
            write(signal, 1);
            readAll(tailer, count);
            final double seconds = (System.nanoTime() - start) / 1e9;
            WorkerJvm.awaitSuccess(producer);
            return Trial.of(count / seconds);
        }
    }

    private static void produce(final Path dir, final int count)
    {
        try (ChronicleQueue data = open(dir, "data");
             ChronicleQueue control = open(dir, "control"))
        {
            final ExcerptAppender appender = data.createAppender();
            final ExcerptTailer signal = control.createTailer();
            for (int round = 0; round < 2; round++)
            {
                read(signal);
                for (int i = 0; i < count; i++)
                {
                    write(appender, i);
                }
            }
        }
    }

    private static Trial ping(final Path dir, final int roundTrips) throws Exception
    {
        try (ChronicleQueue ping = open(dir, "ping");
             ChronicleQueue pong = open(dir, "pong"))
        {
            final Process echo =
                WorkerJvm.startWith(JVM_OPTIONS, ChronicleAnchor.class, ECHO, dir.toString(), "" + 2 * roundTrips);
            final ExcerptAppender out = ping.createAppender();
            final ExcerptTailer in = pong.createTailer();
            final long[] rounds = new long[2 * roundTrips];
            for (int i = 0; i < rounds.length; i++)
            {
                final long start = System.nanoTime();
                write(out, i);
                read(in);
                rounds[i] = System.nanoTime() - start;
            }
            WorkerJvm.awaitSuccess(echo);
            return Trial.ofLatencies(rounds, roundTrips);
        }
    }

    private static void echo(final Path dir, final int rounds)
    {
        try (ChronicleQueue ping = open(dir, "ping");
             ChronicleQueue pong = open(dir, "pong"))
        {
            final ExcerptTailer in = ping.createTailer();
            final ExcerptAppender out = pong.createAppender();
            for (int i = 0; i < rounds; i++)
            {
                write(out, read(in));
            }
        }
    }

    private static ChronicleQueue open(final Path dir, final String name)
    {
        return SingleChronicleQueueBuilder.binary(dir.resolve(name)).build();
    }

    private static void write(final ExcerptAppender appender, final int value)
    {
        try (DocumentContext document = appender.writingDocument())
        {
            document.wire().bytes().writeInt(value);
        }
    }

    private static int read(final ExcerptTailer tailer)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WorkerJvm.TIMEOUT_MS);
        while (true)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (document.isPresent())
                {
                    return document.wire().bytes().readInt();
                }
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("no message from the other JVM in " + WorkerJvm.TIMEOUT_MS + " ms");
            }
            Thread.onSpinWait();
        }
    }

    private static void readAll(final ExcerptTailer tailer, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            read(tailer);
        }
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
