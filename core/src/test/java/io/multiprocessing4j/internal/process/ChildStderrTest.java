package io.multiprocessing4j.internal.process;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A child's output and its control records share its stderr; whatever it printed before its exit record must
 * be written out before the exit is known, or a join returns before the child's last line reaches the
 * redirect file (seen as a flaky {@code ProcessLifecycleTest} when the line and the record came in one read).
 */
class ChildStderrTest
{
    private static final long TOKEN = 0x5EED_1234L;

    @Test
    void outputBeforeTheExitRecordIsWrittenBeforeTheExitCompletes() throws Exception
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(ControlRecord.hello(TOKEN));
        stream.write("[INFO/logger] the last line\n".getBytes(StandardCharsets.UTF_8));
        stream.write(ControlRecord.exit(TOKEN, ExitStatus.of(0, null)));
        final CountDownLatch registered = new CountDownLatch(1);
        final InputStream childStderr = new ByteArrayInputStream(stream.toByteArray())
        {
            public synchronized int read(final byte[] bytes, final int offset, final int length)
            {
                try
                {
                    registered.await(10, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                return super.read(bytes, offset, length);
            }
        };
        final ByteArrayOutputStream redirectFile = new ByteArrayOutputStream();
        final ChildStderr reader = ChildStderr.start(childStderr, redirectFile, TOKEN, "test-stderr");
        // runs in the reading thread the moment the exit is known, as a join would wake
        final CompletableFuture<String> writtenAtExit = reader.exit.thenApply(
            status -> redirectFile.toString(StandardCharsets.UTF_8));
        registered.countDown();
        assertEquals("[INFO/logger] the last line\n", writtenAtExit.get(10, TimeUnit.SECONDS),
            "the exit was known before the output printed before it was written");
        reader.awaitEof(10_000);
    }
}
