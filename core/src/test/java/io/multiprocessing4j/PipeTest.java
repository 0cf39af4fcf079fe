package io.multiprocessing4j;

import com.sun.management.ThreadMXBean;
import io.multiprocessing4j.codec.CodecException;
import io.multiprocessing4j.shm.ShmContext;
import org.example.mp4jtest.Opaque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Pipe} and {@link Connection} across real child JVMs (Python's {@code _TestConnection} and
 * {@code _TestPoll} cases).
 */
final class PipeTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ShmContext shm;

    @BeforeEach
    void setUp()
    {
        shm = ShmContext.create();
    }

    @AfterEach
    void tearDown()
    {
        shm.close();
    }

    /**
     * Echoes every message back as it came (objects as objects, bytes as bytes) until the other end is gone.
     */
    static void echo(final Connection connection) throws Exception
    {
        try
        {
            while (true)
            {
                connection.send(connection.recv());
            }
        }
        catch (final EOFException ex)
        {
            connection.close();
        }
    }

    static void sendThenEnd(final Connection connection) throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            connection.send("message " + i);
        }
        connection.send("END");
        connection.close();
    }

    static void receiveForever(final Connection connection) throws Exception
    {
        connection.send("ready");
        connection.recv();
    }

    @Test
    void aChildEchoesObjectsBytesAndASixteenMebibyteMessage() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm))
        {
            final Connection child = pipe.second();
            final JvmProcess echo = new JvmProcess(() -> echo(child)).setDaemon(true).start();
            final Connection parent = pipe.first();

            parent.send(new ArrayList<>(Arrays.asList(1, 2.25, null)));
            assertEquals(Arrays.asList(1, 2.25, null), parent.recv());
            for (final Object value : new Object[] {"héllo", 42, 7L, 2.5, true, null, new byte[] {1, 2}})
            {
                parent.send(value);
                final Object back = parent.recv();
                if (value instanceof byte[])
                {
                    assertArrayEquals((byte[])value, (byte[])back);
                }
                else
                {
                    assertEquals(value, back);
                }
            }
            parent.sendBytes("hello world".getBytes());
            assertArrayEquals("hello world".getBytes(), parent.recvBytes());

            final byte[] big = new byte[16 << 20];
            new Random(7).nextBytes(big);
            parent.sendBytes(big);
            assertArrayEquals(big, parent.recvBytes());

            parent.close();
            assertTrue(echo.join(TIMEOUT), "the child saw the end of the stream and returned");
            assertEquals(OptionalInt.of(0), echo.exitCode(), () -> String.valueOf(echo.exception()));
        }
    }

    static void sendForInto(final Connection connection) throws Exception
    {
        connection.sendBytes("hello world".getBytes());
        connection.sendBytes(new byte[0]);
        final byte[] big = new byte[3 << 20];
        new Random(11).nextBytes(big);
        connection.sendBytes(big);
        connection.sendBytes("too long".getBytes());
        connection.sendBytes("after".getBytes());
        connection.close();
    }

    @Test
    void recvBytesIntoFillsTheBufferFromItsOffsetAndATooShortBufferLosesNothing() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm, false))
        {
            final Connection child = pipe.second();
            final JvmProcess sender = new JvmProcess(() -> sendForInto(child)).setDaemon(true).start();
            final Connection parent = pipe.first();

            final byte[] buffer = new byte[(3 << 20) + 5];
            Arrays.fill(buffer, (byte)'.');
            assertEquals(11, parent.recvBytesInto(buffer));
            assertEquals("hello world...", new String(buffer, 0, 14));
            assertEquals(0, parent.recvBytesInto(buffer, buffer.length), "an empty message fits at the end");
            assertEquals(3 << 20, parent.recvBytesInto(buffer, 5), "a message the ring carried in pieces");
            final byte[] big = new byte[3 << 20];
            new Random(11).nextBytes(big);
            assertArrayEquals(big, Arrays.copyOfRange(buffer, 5, buffer.length));
            assertEquals("hello", new String(buffer, 0, 5), "nothing before the offset was written");

            final byte[] small = new byte[10];
            final BufferTooShortException tooShort =
                assertThrows(BufferTooShortException.class, () -> parent.recvBytesInto(small, 4));
            assertEquals("too long", new String(tooShort.message()), "the exception holds the whole message");
            assertArrayEquals(new byte[10], small, "nothing was written to the short buffer");
            assertEquals(5, parent.recvBytesInto(small), "the next message is still there");
            assertEquals("after", new String(small, 0, 5));

            assertThrows(IndexOutOfBoundsException.class, () -> parent.recvBytesInto(small, 11));
            assertThrows(IndexOutOfBoundsException.class, () -> parent.recvBytesInto(small, -1));
            assertThrows(NullPointerException.class, () -> parent.recvBytesInto(null));
            assertThrows(EOFException.class, () -> parent.recvBytesInto(small));
            assertTrue(sender.join(TIMEOUT));
            assertEquals(OptionalInt.of(0), sender.exitCode(), () -> String.valueOf(sender.exception()));
        }
    }

    static void sendSmallMessages(final Connection connection) throws Exception
    {
        final byte[] message = new byte[64];
        for (int i = 0; i < 10_000; i++)
        {
            message[0] = (byte)i;
            connection.sendBytes(message);
        }
        connection.close();
    }

    @Test
    void recvBytesIntoAllocatesNothingPerMessage() throws Exception
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Pipe pipe = Pipe.create(shm, false))
        {
            final Connection child = pipe.second();
            final JvmProcess sender = new JvmProcess(() -> sendSmallMessages(child)).setDaemon(true).start();
            assertTrue(sender.join(TIMEOUT), "10,000 messages fit the ring, so the sender ends before we read");
            assertEquals(OptionalInt.of(0), sender.exitCode(), () -> String.valueOf(sender.exception()));
            final Connection parent = pipe.first();
            final byte[] buffer = new byte[64];
            for (int i = 0; i < 1_000; i++)
            {
                assertEquals(64, parent.recvBytesInto(buffer));
            }
            final long thread = Thread.currentThread().getId();
            final long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 1_000; i < 10_000; i++)
            {
                parent.recvBytesInto(buffer);
                if ((byte)i != buffer[0])
                {
                    throw new AssertionError("message " + i + " out of order: " + buffer[0]);
                }
            }
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 9_000 * 8,
                allocated + " bytes allocated for 9,000 messages (an array each would be over 700,000)");
        }
    }

    @Test
    void theParentClosesItsCopyOfTheChildsEndReceivesEverythingThenEof() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm))
        {
            final Connection child = pipe.second();
            final JvmProcess sender = new JvmProcess(() -> sendThenEnd(child)).setDaemon(true).start();
            child.close();
            final Connection parent = pipe.first();
            final List<Object> received = new ArrayList<>();
            Object message;
            while (!"END".equals(message = parent.recv()))
            {
                received.add(message);
            }
            assertEquals(List.of("message 0", "message 1", "message 2"), received);
            assertTrue(sender.join(TIMEOUT));
            assertThrows(EOFException.class, parent::recv);
            assertThrows(EOFException.class, parent::recvBytes);
            assertTrue(parent.poll(), "poll says a receive would not block");
            assertTrue(parent.isReadable() && parent.isWritable());
        }
    }

    @Test
    void recvThrowsEofWithinASecondOfThePeersSigkillAndSendThenFails() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm, true, 4096, 1 << 20))
        {
            final Connection child = pipe.second();
            final JvmProcess peer = new JvmProcess(() -> receiveForever(child)).setDaemon(true).start();
            final Connection parent = pipe.first();
            assertEquals("ready", parent.recv(), "the child holds its end");
            final long killedAt = System.nanoTime();
            peer.kill();
            assertThrows(EOFException.class, parent::recv);
            final long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertTrue(tookMs < 1_000, "EOF " + tookMs + " ms after the SIGKILL");
            assertThrows(BrokenPipeException.class, () ->
            {
                for (int i = 0; i < 10_000; i++)
                {
                    parent.send(i);
                }
            });
        }
    }

    @Test
    void aOneWayPipeReadsAtTheFirstEndAndWritesAtTheSecond() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm, false))
        {
            final Connection reader = pipe.first();
            final Connection writer = pipe.second();
            assertTrue(reader.isReadable());
            assertFalse(reader.isWritable());
            assertTrue(writer.isWritable());
            assertFalse(writer.isReadable());
            assertThrows(IllegalStateException.class, () -> reader.send(1));
            assertThrows(IllegalStateException.class, writer::recv);
            assertThrows(IllegalStateException.class, writer::poll);
            writer.send("one way");
            assertEquals("one way", reader.recv());
        }
    }

    @Test
    void pollWaitsItsTimeoutDoesNotConsumeAndEmptyMessagesAndBoundariesArePreserved() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm))
        {
            final Connection a = pipe.first();
            final Connection b = pipe.second();
            assertFalse(a.poll());
            final long start = System.nanoTime();
            assertFalse(a.poll(Duration.ofMillis(100)));
            final long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 100 && waitedMs < 1_000, waitedMs + " ms");

            b.sendBytes(new byte[0]);
            assertTrue(a.poll());
            assertTrue(a.poll(Duration.ofMillis(100)), "poll does not consume");
            assertArrayEquals(new byte[0], a.recvBytes());
            b.sendBytes("a".getBytes());
            b.sendBytes("b".getBytes());
            b.sendBytes("cd".getBytes());
            assertEquals("a", new String(a.recvBytes()));
            assertEquals("b", new String(a.recvBytes()));
            assertEquals("cd", new String(a.recvBytes()));
            b.sendBytes("xhellox".getBytes(), 1, 5);
            assertEquals("hello", new String(a.recvBytes()));
            b.sendBytes(new byte[3], 3, 0);
            assertEquals(0, a.recvBytes().length);
            assertThrows(IndexOutOfBoundsException.class, () -> b.sendBytes(new byte[3], 4, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> b.sendBytes(new byte[3], 1, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> b.sendBytes(new byte[3], -1, 1));
            assertNull(null);
        }
    }

    @Test
    void badMessagesAreRefusedNamingWhyAndThePipeStaysUsable() throws Exception
    {
        try (Pipe pipe = Pipe.create(shm, true, 4096, 1000))
        {
            final Connection a = pipe.first();
            final Connection b = pipe.second();
            final MessageTooLargeException tooLarge =
                assertThrows(MessageTooLargeException.class, () -> a.sendBytes(new byte[1001]));
            assertEquals(1001, tooLarge.size());
            assertEquals(1000, tooLarge.limit());
            final CodecException unencodable = assertThrows(CodecException.class, () -> a.send(new Thread()));
            assertTrue(unencodable.getMessage().contains("java.lang.Thread"), unencodable.getMessage());
            assertFalse(b.poll(), "nothing was sent");
            assertThrows(NullPointerException.class, () -> a.sendBytes(null));
            a.send("still fine");
            assertEquals("still fine", b.recv());
            a.close();
            assertThrows(IllegalStateException.class, () -> a.send(1));
            assertThrows(EOFException.class, b::recv);
        }
        assertThrows(IllegalArgumentException.class, () -> Pipe.create(shm, true, 1000, 10));
        assertThrows(IllegalArgumentException.class, () -> Pipe.create(shm, true, 4096, -1));
        assertThrows(NullPointerException.class, () -> Pipe.create(null));
    }

    @Test
    void aThreadQueuedBehindAnotherThreadsReceiveEndsWithinAHundredMillisecondsOfItsInterrupt() throws Exception
    {
        final Pipe pipe = Pipe.create(shm, true);
        final Connection end = pipe.first();
        final Thread first = new Thread(() -> receiveQuietly(end));
        first.start();
        final long[] endedAt = new long[1];
        final Thread second = new Thread(() ->
        {
            try
            {
                end.recv();
            }
            catch (final InterruptedException expected)
            {
                endedAt[0] = System.nanoTime();
            }
            catch (final EOFException ex)
            {
                throw new AssertionError(ex);
            }
        });
        second.start();
        Thread.sleep(200); // both waiting: the first in the ring, the second for the receive lock
        final long interruptedAt = System.nanoTime();
        second.interrupt();
        second.join(TIMEOUT.toMillis());
        pipe.second().send("for the first");
        pipe.second().send("for the second, had its interrupt not ended it");
        first.join(TIMEOUT.toMillis());
        second.join(TIMEOUT.toMillis());
        pipe.close();
        assertFalse(first.isAlive() || second.isAlive());
        assertTrue(0 != endedAt[0], "recv() ended by its interrupt");
        assertTrue(endedAt[0] - interruptedAt < 100_000_000L, "ended " + (endedAt[0] - interruptedAt) / 1_000 +
            " µs later");
    }

    private static void receiveQuietly(final Connection end)
    {
        try
        {
            end.recv();
        }
        catch (final InterruptedException | EOFException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void allowClassesLetsAnotherPackageThroughAPipeAndARefusalSaysHow() throws Exception
    {
        final Opaque item = new Opaque(3);
        try (Pipe pipe = Pipe.create(shm, false, "org.example.mp4jtest."); Pipe strict = Pipe.create(shm, false))
        {
            final Connection writer = pipe.second();
            final JvmProcess child = new JvmProcess(() -> writer.send(new Opaque(3))).start();
            assertTrue(pipe.first().poll(Duration.ofSeconds(60)), "a message arrived");
            assertEquals(item, pipe.first().recv());
            assertTrue(child.join(Duration.ofSeconds(60)));
            assertEquals(OptionalInt.of(0), child.exitCode());
            final CodecException refused = assertThrows(CodecException.class, () -> strict.second().send(item));
            assertTrue(refused.getMessage().contains("-Dmp4j.codec.allow=org.example.mp4jtest."),
                refused.getMessage());
        }
    }
}
