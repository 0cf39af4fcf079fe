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
            final Outcome outcome;
            switch (args[0])
            {
                case "lock":
                {
                    final SharedLock lock = SharedLock.create(shm);
                    truncate(lock, size);
                    outcome = call(lock, () -> lock.tryLock(50, TimeUnit.MILLISECONDS));
                    break;
                }
                case "lock-waiting":
                {
                    final SharedLock lock = SharedLock.create(shm);
                    lock.lock();
                    final CompletableFuture<Object> waiter = waitFor(() -> lock.tryLock(30, TimeUnit.SECONDS));
                    Thread.sleep(200);
                    truncate(lock, size);
                    outcome = call(lock, () -> waiter.get(10, TimeUnit.SECONDS));
                    break;
                }
                case "queue":
                {
                    final SharedQueue<Object> queue = SharedQueue.create(shm);
                    queue.put(42L);
                    truncate(queue, size);
                    outcome = call(queue, () -> queue.poll(Duration.ofMillis(50)));
                    break;
                }
                case "queue-waiting":
                {
                    final SharedQueue<Object> queue = SharedQueue.create(shm);
                    final CompletableFuture<Object> taker = waitFor(queue::take);
                    Thread.sleep(200);
                    truncate(queue, size);
                    outcome = call(queue, () -> taker.get(10, TimeUnit.SECONDS));
                    break;
                }
                case "pipe-waiting":
                {
                    final Pipe pipe = Pipe.create(shm, true);
                    final CompletableFuture<Object> receiver = waitFor(pipe.second()::recv);
                    Thread.sleep(200);
                    truncate(pipe.first(), size);
                    outcome = call(pipe.first(), () -> receiver.get(10, TimeUnit.SECONDS));
                    break;
                }
                case "event-waiting":
                {
                    final SharedEvent event = SharedEvent.create(shm);
                    final CompletableFuture<Object> waiter = waitFor(() -> event.await(Duration.ofSeconds(30)));
                    Thread.sleep(200);
                    truncate(event, size);
                    outcome = call(event, () -> waiter.get(10, TimeUnit.SECONDS));
                    break;
                }
                case "event-set":
                {
                    final SharedEvent event = SharedEvent.create(shm);
                    truncate(event, size);
                    outcome = call(event, () ->
                    {
                        event.set();
                        return event.isSet();
                    });
                    break;
                }
                case "semaphore-release":
                {
                    final SharedSemaphore semaphore = SharedSemaphore.create(shm, 0);
                    truncate(semaphore, size);
                    outcome = call(semaphore, () ->
                    {
                        semaphore.release();
                        return semaphore.availablePermits();
                    });
                    break;
                }
                case "semaphore-waiting":
                {
                    final SharedSemaphore semaphore = SharedSemaphore.create(shm, 0);
                    final CompletableFuture<Object> waiter =
                        waitFor(() -> semaphore.tryAcquire(Duration.ofSeconds(30)));
                    Thread.sleep(200);
                    truncate(semaphore, size);
                    outcome = call(semaphore, () -> waiter.get(10, TimeUnit.SECONDS));
                    break;
                }
                case "array":
                {
                    final SharedLongArray array = SharedLongArray.create(shm, 1024);
                    truncate(array, size);
                    outcome = call(array, () -> array.get(1000));
                    break;
                }
                case "array-copy":
                {
                    final SharedLongArray array = SharedLongArray.create(shm, 1024);
                    truncate(array, size);
                    outcome = call(array, array::toArray);
                    break;
                }
                case "long-increment":
                {
                    final SharedLong value = SharedLong.create(shm, 0);
                    truncate(value, size);
                    outcome = call(value, value::incrementAndGet);
                    break;
                }
                case "double-cas":
                {
                    final SharedDouble value = SharedDouble.create(shm, 1.0);
                    truncate(value, size);
                    outcome = call(value, () -> value.compareAndSet(1.0, 2.0));
                    break;
                }
                default:
                    throw new IllegalArgumentException(args[0]);
            }
            System.out.println(outcome);
        }
        Runtime.getRuntime().halt(0);
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
