package io.multiprocessing4j;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.SharedMemoryFaultException;
import io.multiprocessing4j.shm.value.SharedDouble;
import io.multiprocessing4j.shm.value.SharedLong;
import io.multiprocessing4j.shm.value.SharedLongArray;
import io.multiprocessing4j.shm.value.SharedObject;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A JVM whose shared file is truncated under it, run by {@link TruncatedFileTest} so that a crash is a failed
 * test and not a dead test JVM. {@code SCENARIO SIZE} truncates the scenario's file to {@code SIZE} bytes
 * (another process would do the same through the path) and prints {@code OK <what the call threw>
 * <file size after>} or {@code FAIL <why>}.
 */
public final class TruncationProgram
{
    private TruncationProgram()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final long size = Long.parseLong(args[1]);
        try (ShmContext shm = ShmContext.create())
        {
            final Outcome synced = syncScenario(args[0], size, shm);
            final Outcome outcome = null != synced ? synced : valueScenario(args[0], size, shm);
            System.out.println(outcome);
        }
        Runtime.getRuntime().halt(0);
    }

    /**
     * @return the outcome of a scenario on a lock, queue, pipe or event, or null for another scenario.
     */
    private static Outcome syncScenario(final String scenario, final long size, final ShmContext shm) throws Exception
    {
        switch (scenario)
        {
        case "lock":
        {
            final SharedLock lock = SharedLock.create(shm);
            truncate(lock, size);
            return call(lock, () -> lock.tryLock(50, TimeUnit.MILLISECONDS));
        }
        case "lock-waiting":
        {
            final SharedLock lock = SharedLock.create(shm);
            lock.lock();
            final CompletableFuture<Object> waiter = waitFor(() -> lock.tryLock(30, TimeUnit.SECONDS));
            Thread.sleep(200);
            truncate(lock, size);
            return call(lock, () -> waiter.get(10, TimeUnit.SECONDS));
        }
        case "queue":
        {
            final SharedQueue<Object> queue = SharedQueue.create(shm);
            queue.put(42L);
            truncate(queue, size);
            return call(queue, () -> queue.poll(Duration.ofMillis(50)));
        }
        case "queue-waiting":
        {
            final SharedQueue<Object> queue = SharedQueue.create(shm);
            final CompletableFuture<Object> taker = waitFor(queue::take);
            Thread.sleep(200);
            truncate(queue, size);
            return call(queue, () -> taker.get(10, TimeUnit.SECONDS));
        }
        case "pipe-waiting":
        {
            final Pipe pipe = Pipe.create(shm, true);
            final CompletableFuture<Object> receiver = waitFor(pipe.second()::recv);
            Thread.sleep(200);
            truncate(pipe.first(), size);
            return call(pipe.first(), () -> receiver.get(10, TimeUnit.SECONDS));
        }
        case "event-waiting":
        {
            final SharedEvent event = SharedEvent.create(shm);
            final CompletableFuture<Object> waiter = waitFor(() -> event.await(Duration.ofSeconds(30)));
            Thread.sleep(200);
            truncate(event, size);
            return call(event, () -> waiter.get(10, TimeUnit.SECONDS));
        }
        case "event-set":
        {
            final SharedEvent event = SharedEvent.create(shm);
            truncate(event, size);
            return call(event, () ->
            {
                event.set();
                return event.isSet();
            });
        }
        default:
            return null;
        }
    }

    /**
     * @return the outcome of a scenario on a semaphore or a shared value.
     */
    private static Outcome valueScenario(final String scenario, final long size, final ShmContext shm) throws Exception
    {
        switch (scenario)
        {
        case "semaphore-release":
        {
            final SharedSemaphore semaphore = SharedSemaphore.create(shm, 0);
            truncate(semaphore, size);
            return call(semaphore, () ->
            {
                semaphore.release();
                return semaphore.availablePermits();
            });
        }
        case "semaphore-waiting":
        {
            final SharedSemaphore semaphore = SharedSemaphore.create(shm, 0);
            final CompletableFuture<Object> waiter =
                waitFor(() -> semaphore.tryAcquire(Duration.ofSeconds(30)));
            Thread.sleep(200);
            truncate(semaphore, size);
            return call(semaphore, () -> waiter.get(10, TimeUnit.SECONDS));
        }
        case "array":
        {
            final SharedLongArray array = SharedLongArray.create(shm, 1024);
            truncate(array, size);
            return call(array, () -> array.get(1000));
        }
        case "array-copy":
        {
            final SharedLongArray array = SharedLongArray.create(shm, 1024);
            truncate(array, size);
            return call(array, array::toArray);
        }
        case "long-increment":
        {
            final SharedLong value = SharedLong.create(shm, 0);
            truncate(value, size);
            return call(value, value::incrementAndGet);
        }
        case "double-cas":
        {
            final SharedDouble value = SharedDouble.create(shm, 1.0);
            truncate(value, size);
            return call(value, () -> value.compareAndSet(1.0, 2.0));
        }
        default:
            throw new IllegalArgumentException(scenario);
        }
    }

    private interface Call
    {
        Object call() throws Exception;
    }

    private record Outcome(String thrown, long sizeAfter)
    {
        public String toString()
        {
            return "OK " + thrown + " " + sizeAfter;
        }
    }

    private static CompletableFuture<Object> waitFor(final Call call)
    {
        final CompletableFuture<Object> result = new CompletableFuture<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                result.complete(call.call());
            }
            catch (final Throwable ex)
            {
                result.completeExceptionally(ex);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static Outcome call(final SharedObject object, final Call call) throws Exception
    {
        String thrown;
        try
        {
            thrown = "returned " + call.call();
        }
        catch (final Throwable ex)
        {
            Throwable cause = ex;
            while (cause instanceof java.util.concurrent.ExecutionException && null != cause.getCause())
            {
                cause = cause.getCause();
            }
            thrown = cause.getClass().getSimpleName() +
                (cause instanceof SharedMemoryFaultException && cause.getMessage().contains(object.handle().path()) ?
                ":names-the-file" : ":" + cause.getMessage());
        }
        return new Outcome(thrown.replace(' ', '_'), Files.size(Path.of(object.handle().path())));
    }

    private static void truncate(final SharedObject object, final long size) throws Exception
    {
        try (FileChannel channel = FileChannel.open(Path.of(object.handle().path()), StandardOpenOption.WRITE))
        {
            channel.truncate(size);
        }
    }
}
