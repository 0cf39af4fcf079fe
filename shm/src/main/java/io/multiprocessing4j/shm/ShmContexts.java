package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.internal.ProcessIdentity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * This user's context directories as the library sees them, for tools and tests: which exist, whether
 * anything still uses them, what each file in them is, and removing those nothing uses. Reads headers
 * without mapping files and never joins a context, so a corrupt or foreign file is reported, not trusted.
 * Stateless and thread-safe.
 */
public final class ShmContexts
{
    private ShmContexts()
    {
    }

    /**
     * One context directory.
     *
     * @param ownerPid the pid in the directory's name: the process that created the context.
     * @param inUse    false once its owner is dead and no attached process holds its liveness lock, the state
     *                 in which any new context sweeps it away.
     */
    public record Context(
        Path directory, long ownerPid, boolean inUse, Instant created, long bytes, List<Entry> entries)
    {
    }

    /**
     * One file in a context directory: a region (its validated header), the liveness lock file, or something
     * the library cannot read ({@code problem} says why).
     */
    public record Entry(Path path, long bytes, RegionDescription region, String problem)
    {
        public boolean isLivenessLock()
        {
            return LivenessLockFile.FILE_NAME.equals(path.getFileName().toString());
        }
    }

    /**
     * A process that attached to a context (its process-table slot).
     *
     * @param alive whether it still holds its slot's liveness lock: false once it left or died.
     */
    public record AttachedProcess(int slot, long pid, long generation, Instant attachedAt, boolean alive)
    {
    }

    /**
     * One distinct exception a process recorded in a context ({@link ShmContext#recordError}).
     *
     * @param count how many times it was recorded.
     * @param text  its stack trace.
     */
    public record RecordedError(long pid, int count, Instant first, Instant last, String text)
    {
    }

    /**
     * @return every error the context's processes recorded, alive or gone, by process and then first time.
     * @throws IllegalArgumentException if it is not one of this user's context directories.
     */
    public static List<RecordedError> errors(final Path directory) throws IOException
    {
        final List<RecordedError> errors = new ArrayList<>();
        for (final Entry entry : describe(directory).entries())
        {
            if (null != entry.region() && RegionType.ERROR_LOG == entry.region().type() && entry.region().ready())
            {
                errors.addAll(ContextErrorLog.read(entry.region()));
            }
        }
        return errors;
    }

    /**
     * @return the processes in a context's process table that did not leave it (alive, or dead without
     * leaving), by slot; read from the file, without attaching.
     * @throws InvalidSharedFileException if its control file is missing or corrupt.
     */
    public static List<AttachedProcess> processes(final Path directory) throws IOException
    {
        final Context context = describe(directory);
        final Path control = context.directory().resolve(ShmContext.CONTROL_FILE);
        final RegionDescription description = MappedRegion.describe(control);
        if (RegionType.CONTROL != description.type() ||
            description.capacity() < ProcessTableDescriptor.TABLE_LENGTH)
        {
            throw new InvalidSharedFileException(control, "region", "a control region holding a process table",
                description.type() + " of capacity " + description.capacity());
        }
        final ByteBuffer table =
            ByteBuffer.allocate(ProcessTableDescriptor.TABLE_LENGTH).order(ByteOrder.nativeOrder());
        final LivenessLockFile ours = ShmContext.openLocks(context.directory());
        try (FileChannel channel = FileChannel.open(control, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             LivenessLockFile opened = null == ours ? LivenessLockFile.open(context.directory()) : null)
        {
            final LivenessLockFile locks = null == ours ? opened : ours;
            int read;
            do
            {
                read = channel.read(table, RegionHeaderDescriptor.DATA_OFFSET + table.position());
            }
            while (read > 0 && table.hasRemaining());
            final List<AttachedProcess> processes = new ArrayList<>();
            for (int slot = 0; slot < ProcessTableDescriptor.MAX_PROCESSES; slot++)
            {
                final int offset = ProcessTableDescriptor.slotOffset(slot);
                final long pid = table.getLong(offset + ProcessTableDescriptor.PID_OFFSET);
                if (0 != pid)
                {
                    processes.add(new AttachedProcess(slot, pid,
                        table.getLong(offset + ProcessTableDescriptor.GENERATION_OFFSET),
                        Instant.ofEpochMilli(table.getLong(offset + ProcessTableDescriptor.ATTACHED_AT_OFFSET)),
                        !locks.isSlotFree(slot)));
                }
            }
            return processes;
        }
    }

    /**
     * @return the context directories of this user under {@code baseDirectory}, oldest first.
     */
    public static List<Context> list(final Path baseDirectory) throws IOException
    {
        final List<Context> contexts = new ArrayList<>();
        try (DirectoryStream<Path> entries =
            Files.newDirectoryStream(baseDirectory, ShmConfiguration.CONTEXT_DIR_PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                final long ownerPid = ContextSweeper.ownerPid(entry);
                if (ownerPid > 0 && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) &&
                    ProcessIdentity.ownerUid(entry) == ProcessIdentity.uid())
                {
                    contexts.add(describe(entry, ownerPid));
                }
            }
        }
        contexts.sort(Comparator.comparing(Context::created));
        return contexts;
    }

    /**
     * @param directory a context directory, or its name under the {@linkplain ShmConfiguration#baseDirectory()
     *                  base directory}.
     * @throws IllegalArgumentException if it is not one of this user's context directories.
     */
    public static Context describe(final Path directory) throws IOException
    {
        final Path resolved = resolve(directory);
        final long ownerPid = ContextSweeper.ownerPid(resolved);
        if (ownerPid <= 0 || !Files.isDirectory(resolved, LinkOption.NOFOLLOW_LINKS) ||
            ProcessIdentity.ownerUid(resolved) != ProcessIdentity.uid())
        {
            throw new IllegalArgumentException(
                directory + " is not a multiprocessing4j context directory of this user");
        }
        return describe(resolved, ownerPid);
    }

    /**
     * Removes a context directory and everything in it.
     *
     * @param force remove it even while it is in use (its processes keep their mappings but lose their files).
     * @throws IllegalStateException naming the owner, if it is in use and {@code force} is false.
     */
    public static void remove(final Path directory, final boolean force) throws IOException
    {
        final Context context = describe(directory);
        if (context.inUse() && !force)
        {
            throw new IllegalStateException(context.directory() + " is in use: its owner pid " + context.ownerPid() +
                (ProcessHandle.of(context.ownerPid()).map(ProcessHandle::isAlive).orElse(false) ?
                    " is alive" : " is dead but another attached process still holds its liveness lock") +
                "; remove it with force only if you know nothing needs it");
        }
        if (!ContextSweeper.remove(context.directory()))
        {
            throw new IOException("could not remove " + context.directory());
        }
    }

    /**
     * @return how many of this user's contexts that nothing uses were removed, as a new context's sweep would.
     */
    public static int removeUnused(final Path baseDirectory)
    {
        return ContextSweeper.sweep(baseDirectory, Set.of());
    }

    private static Path resolve(final Path directory)
    {
        return directory.isAbsolute() || Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) ?
            directory : ShmConfiguration.baseDirectory().resolve(directory);
    }

    private static Context describe(final Path directory, final long ownerPid) throws IOException
    {
        final BasicFileAttributes attributes =
            Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        final List<Entry> entries = new ArrayList<>();
        long bytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory))
        {
            for (final Path file : files)
            {
                final Entry entry = entry(file);
                entries.add(entry);
                bytes += entry.bytes();
            }
        }
        entries.sort(Comparator.comparing(entry -> entry.path().getFileName().toString()));
        return new Context(directory, ownerPid, !ContextSweeper.isOursAndDead(directory),
            attributes.creationTime().toInstant(), bytes, List.copyOf(entries));
    }

    private static Entry entry(final Path file)
    {
        long bytes = 0;
        try
        {
            bytes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
            if (LivenessLockFile.FILE_NAME.equals(file.getFileName().toString()))
            {
                return new Entry(file, bytes, null, null);
            }
            return new Entry(file, bytes, MappedRegion.describe(file), null);
        }
        catch (final InvalidSharedFileException ex)
        {
            return new Entry(file, bytes, null, ex.getMessage());
        }
        catch (final IOException ex)
        {
            return new Entry(file, bytes, null, ex.toString());
        }
    }
}
