package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.sync.RobustLockWord;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The defence against a shared file shrinking under its mapping, which makes any touch of the lost pages a
 * SIGBUS. A truncation by another process of the same user cannot be prevented on a plain tmpfs file (file
 * seals exist only for memfd files, which Java 17 cannot create), so:
 * <ul>
 *   <li>every wait on a region checks its file at each liveness check ({@link #checkIntact}, or an idle
 *   strategy from {@link #checking}), and a region found shorter than its mapping is poisoned (this JVM's
 *   accessors refuse it) and its file grown back to the mapped length (zero pages, so no process faults on
 *   them any more);</li>
 *   <li>an {@link InternalError} from a faulting unsafe access is turned into a
 *   {@link SharedMemoryFaultException} naming the file by {@link #fault} where the queues, pipes and locks
 *   catch it;</li>
 *   <li>a compare-and-set on a region reads the word first ({@link MappedRegionBuffer}, the values' own), since
 *   the JDK turns a fault in a read into an {@code InternalError} but a fault in an interpreted CAS into a
 *   crash. That holds on JDK 21 and later; JDK 17 throws the read's error only at a later safepoint.</li>
 * </ul>
 * A file is checked by its path, and only while the path still names the file that was mapped (an unlinked
 * file can no longer be opened and truncated by anyone). Thread-safe.
 */
public final class MappedFiles
{
    /** Weak, so that a region nobody closed is still unmapped when it is collected, as it was before. */
    private static final Map<Long, WeakReference<MappedRegion>> BY_ADDRESS = new ConcurrentHashMap<>();

    private MappedFiles()
    {
    }

    static void register(final MappedRegion region, final long address)
    {
        BY_ADDRESS.put(address, new WeakReference<>(region));
        if (0 == BY_ADDRESS.size() % 1024)
        {
            BY_ADDRESS.values().removeIf(reference -> null == reference.get()); // regions collected unclosed
        }
    }

    static void forget(final long address)
    {
        BY_ADDRESS.remove(address);
    }

    /**
     * @param buffer a region's {@link MappedRegion#buffer()}; any other buffer is not checked.
     * @throws SharedMemoryFaultException naming the file if its region's file has shrunk.
     */
    public static void checkIntact(final DirectBuffer buffer)
    {
        final WeakReference<MappedRegion> reference = BY_ADDRESS.get(buffer.addressOffset());
        final MappedRegion region = null == reference ? null : reference.get();
        if (null != region)
        {
            final String fault = shrinkOf(region);
            if (null != fault)
            {
                throw new SharedMemoryFaultException(fault);
            }
        }
    }

    /**
     * @return {@code idle}, also checking at every liveness interval that {@code buffer}'s file is intact: for
     * waits outside this module's rings and sync words, which check themselves.
     */
    public static IdleStrategy checking(final DirectBuffer buffer, final IdleStrategy idle)
    {
        return new CheckingIdleStrategy(buffer, idle);
    }

    /**
     * Explains an {@link InternalError} from an unsafe memory access: every region of this JVM whose file has
     * shrunk is poisoned and grown back.
     *
     * @return an exception naming those files, to throw.
     * @throws InternalError {@code error} itself if no mapped file has shrunk.
     */
    public static SharedMemoryFaultException fault(final InternalError error)
    {
        Objects.requireNonNull(error, "error");
        final StringBuilder faults = new StringBuilder();
        for (final WeakReference<MappedRegion> reference : BY_ADDRESS.values())
        {
            final MappedRegion region = reference.get();
            final String fault = null == region ? null : shrinkOf(region);
            if (null != fault)
            {
                faults.append(0 == faults.length() ? "" : "; ").append(fault);
            }
        }
        if (0 == faults.length())
        {
            throw error;
        }
        return new SharedMemoryFaultException(faults.toString(), error);
    }

    /**
     * @return why the region is unusable if its file has shrunk (it is then poisoned and grown back), else null.
     */
    private static String shrinkOf(final MappedRegion region)
    {
        final String known = region.fault();
        if (null != known)
        {
            return known;
        }
        final Path path = region.path();
        final BasicFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final IOException ex)
        {
            return null; // unlinked: nobody can open it to truncate it any more
        }
        final long mapped = region.mappedLength();
        if (attributes.size() >= mapped || !Objects.equals(attributes.fileKey(), region.fileKey()))
        {
            return null;
        }
        final String fault = "shared file " + path + " shrank to " + attributes.size() + " bytes under its " +
            mapped + "-byte mapping (another process truncated it); its content is lost and this JVM no longer" +
            " uses it";
        region.poison(fault);
        growBack(path, region.fileKey(), mapped);
        return fault;
    }

    private static final class CheckingIdleStrategy implements IdleStrategy
    {
        private final DirectBuffer buffer;
        private final IdleStrategy idle;
        private long nextCheck = System.nanoTime() + RobustLockWord.LIVENESS_CHECK_INTERVAL_NS;

        CheckingIdleStrategy(final DirectBuffer buffer, final IdleStrategy idle)
        {
            this.buffer = buffer;
            this.idle = idle;
        }

        public void idle(final int workCount)
        {
            if (workCount > 0)
            {
                reset();
            }
            else
            {
                idle();
            }
        }

        public void idle()
        {
            idle.idle();
            final long now = System.nanoTime();
            if (now - nextCheck >= 0)
            {
                checkIntact(buffer);
                nextCheck = now + RobustLockWord.LIVENESS_CHECK_INTERVAL_NS;
            }
        }

        public void reset()
        {
            idle.reset();
        }
    }

    private static void growBack(final Path path, final Object fileKey, final long length)
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))
        {
            final Object key = Files.readAttributes(path, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(key, fileKey) && channel.size() < length)
            {
                channel.write(ByteBuffer.allocate(1), length - 1);
            }
        }
        catch (final IOException ignored)
        {
            // gone or not ours to write: nothing more to protect
        }
    }
}
