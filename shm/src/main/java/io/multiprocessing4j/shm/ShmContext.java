package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.internal.PosixFiles;
import io.multiprocessing4j.shm.internal.ProcessIdentity;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.nio.file.OpenOption;
import java.util.Set;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A private directory of shared files, {@code <base>/mp4j-<ownerPid>-<128 random bits>/} (mode 0700,
 * files 0600), and this JVM's membership of it.
 * <p>
 * The process that {@link #create() creates} a context owns it: closing it (or the JVM exiting normally)
 * removes the directory. Other processes {@link #attach(Path) attach} to it and are listed in its
 * {@link #processes() process table}; when the owner is gone, the last attached process to leave removes
 * the directory, and if all of them were killed, the next context created on the machine sweeps it.
 * A JVM attaches to a given context at most once. Thread-safe.
 */
public final class ShmContext implements AutoCloseable
{
    static final String CONTROL_FILE = "control";

    private static final Map<Path, ShmContext> OPEN = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long SETTINGS_WRITE_TIMEOUT_NS = 10_000_000L;

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(ShmContext::leaveAllOpen, "mp4j-shm-cleanup"));
    }

    private final Path directory;
    private final boolean owner;
    private final LivenessLockFile locks;
    private final FileLock contextLock;
    private final MappedRegion control;
    private final ProcessTable processes;
    private final FileLock slotLock;
    private final Set<MappedRegion> regions = ConcurrentHashMap.newKeySet();
    private final AtomicLong regionCounter = new AtomicLong();
    private volatile ContextErrorLog errorLog;
    private volatile boolean closed;
    private volatile CachedIdlePolicy cachedIdlePolicy;

    private ShmContext(
        final Path directory, final boolean owner, final LivenessLockFile locks, final FileLock contextLock,
        final MappedRegion control) throws IOException
    {
        this.directory = directory;
        this.owner = owner;
        this.locks = locks;
        this.contextLock = contextLock;
        this.control = control;
        this.processes = new ProcessTable(control, locks);
        this.slotLock = processes.register();
    }

    /**
     * Create a context under {@link ShmConfiguration#baseDirectory()}, first removing the directories
     * of contexts whose processes are all dead.
     */
    public static ShmContext create()
    {
        return create(ShmConfiguration.baseDirectory());
    }

    public static ShmContext create(final Path baseDirectory)
    {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        JvmFlags.ensureAgronaAccess();
        final IdlePolicy idlePolicy = IdlePolicy.configured();
        ContextSweeper.sweep(baseDirectory, OPEN.keySet());

        final byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        final Path directory = baseDirectory.resolve(
            ShmConfiguration.CONTEXT_DIR_PREFIX + ProcessIdentity.pid() + "-" + HexFormat.of().formatHex(random));
        final List<AutoCloseable> acquired = new ArrayList<>();
        try
        {
            PosixFiles.createPrivateDirectory(directory);
            createLockFile(directory);
            final LivenessLockFile locks = LivenessLockFile.open(directory);
            acquired.add(locks);
            final FileLock contextLock = locks.tryHoldContext();
            if (null == contextLock)
            {
                throw new ShmException("a fresh context directory is locked by another process: " + directory);
            }
            final MappedRegion control = MappedRegion.create(
                directory.resolve(CONTROL_FILE), RegionType.CONTROL, ContextSettingsDescriptor.CONTROL_LENGTH,
                "process table and settings", List.of(), region -> {});
            acquired.add(control);
            final ShmContext context = new ShmContext(directory, true, locks, contextLock, control);
            context.setIdlePolicy(idlePolicy);
            return register(context);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeAll(acquired, ex);
            try
            {
                PosixFiles.deleteTree(directory);
            }
            catch (final IOException suppressed)
            {
                ex.addSuppressed(suppressed);
            }
            if (ex instanceof ShmException)
            {
                throw (ShmException)ex;
            }
            throw new ShmException("cannot create a context in " + baseDirectory + ": " + ex, ex);
        }
    }

    /**
     * Join a context another process created: validate its directory, mark this process attached and
     * register it in the process table.
     *
     * @throws IllegalStateException if this JVM is already attached to it.
     * @throws InvalidSharedFileException if the directory or its control file is not a valid context.
     */
    /**
     * The context at {@code directory} as this JVM sees it: the one it created or attached, or a new
     * attachment kept until the JVM exits. This is how an object that arrives by handle joins its context's
     * process table (which robust locks need).
     *
     * @param directory a context directory.
     * @return this JVM's open context there.
     */
    public static synchronized ShmContext of(final Path directory)
    {
        Objects.requireNonNull(directory, "directory");
        final ShmContext open = OPEN.get(directory.toAbsolutePath().normalize());
        return null != open && !open.isClosed() ? open : attach(directory);
    }

    /**
     * @return the liveness locks of this JVM's open context in {@code directory}, or null if it has none open there.
     * Probes must go through them: opening and closing another channel to the file would drop this JVM's locks.
     */
    static LivenessLockFile openLocks(final Path directory)
    {
        final ShmContext open = OPEN.get(directory.toAbsolutePath().normalize());
        return null == open ? null : open.locks;
    }

    public static ShmContext attach(final Path directory)
    {
        Objects.requireNonNull(directory, "directory");
        JvmFlags.ensureAgronaAccess();
        final Path dir = directory.toAbsolutePath().normalize();
        if (OPEN.containsKey(dir))
        {
            throw new IllegalStateException("this JVM is already attached to " + dir);
        }
        try
        {
            PosixFiles.checkPrivate(dir, true, PosixFiles.DIRECTORY_MODE);
        }
        catch (final IOException ex)
        {
            throw new InvalidSharedFileException(dir, "context directory", "a private directory of ours",
                ex.toString(), ex);
        }
        final List<AutoCloseable> acquired = new ArrayList<>();
        try
        {
            final LivenessLockFile locks = LivenessLockFile.open(dir);
            acquired.add(locks);
            final FileLock contextLock = locks.tryHoldContext();
            if (null == contextLock)
            {
                throw new ShmException("context is being removed: " + dir);
            }
            final MappedRegion control = MappedRegion.attach(
                dir.resolve(CONTROL_FILE), RegionType.CONTROL, ShmConfiguration.attachTimeoutMs());
            acquired.add(control);
            return register(new ShmContext(dir, false, locks, contextLock, control));
        }
        catch (final IOException | RuntimeException ex)
        {
            closeAll(acquired, ex);
            if (ex instanceof ShmException)
            {
                throw (ShmException)ex;
            }
            throw new ShmException("cannot attach to context " + dir + ": " + ex, ex);
        }
    }

    /**
     * Create a new region file in this context, owned by this JVM: closing the region or the context
     * unlinks it.
     *
     * @param capacity data bytes, a multiple of the type's element size.
     */
    public MappedRegion newRegion(final RegionType type, final int capacity)
    {
        return newRegion(type, capacity, "", List.of());
    }

    /**
     * Creates a region in this context with a label and the parts a tool can read in it
     * ({@link RegionPart}).
     *
     * @throws IllegalArgumentException if a part lies outside the capacity or there are more than
     *                                  {@link RegionHeaderDescriptor#MAX_PARTS}.
     */
    public MappedRegion newRegion(
        final RegionType type, final int capacity, final String label, final List<RegionPart> parts)
    {
        Objects.requireNonNull(type, "type");
        MappedRegion.checkCapacity(type, capacity);
        checkOpen();
        final Path path = directory.resolve(
            type.fileNamePrefix() + "-" + ProcessIdentity.pid() + "-" + regionCounter.incrementAndGet());
        final MappedRegion region = MappedRegion.create(path, type, capacity, label, parts, regions::remove);
        regions.add(region);
        if (closed)
        {
            region.close();
            checkOpen();
        }
        return region;
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * @return true if this JVM created the context (and removes it on close).
     */
    public boolean isOwner()
    {
        return owner;
    }

    public ProcessTable processes()
    {
        return processes;
    }

    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return how threads of every process in this context wait: what {@link #setIdlePolicy} last set, at
     * first its creator's {@link IdlePolicy#configured()} policy.
     */
    public IdlePolicy idlePolicy()
    {
        checkOpen();
        final UnsafeBuffer buffer = control.buffer();
        final int base = control.dataOffset() + ContextSettingsDescriptor.OFFSET;
        final long current = buffer.getLongAcquire(base + ContextSettingsDescriptor.SEQUENCE_OFFSET);
        final CachedIdlePolicy cached = cachedIdlePolicy;
        if (null != cached && cached.sequence == current)
        {
            return cached.policy;
        }
        final long giveUpAt = System.nanoTime() + SETTINGS_WRITE_TIMEOUT_NS;
        while (System.nanoTime() - giveUpAt < 0)
        {
            final long sequence = buffer.getLongAcquire(base + ContextSettingsDescriptor.SEQUENCE_OFFSET);
            final long kind = buffer.getLong(base + ContextSettingsDescriptor.IDLE_KIND_OFFSET);
            final long spins = buffer.getLong(base + ContextSettingsDescriptor.IDLE_SPINS_OFFSET);
            final long yields = buffer.getLong(base + ContextSettingsDescriptor.IDLE_YIELDS_OFFSET);
            final long minPark = buffer.getLong(base + ContextSettingsDescriptor.IDLE_MIN_PARK_OFFSET);
            final long maxPark = buffer.getLong(base + ContextSettingsDescriptor.IDLE_MAX_PARK_OFFSET);
            VarHandle.loadLoadFence();
            if (0 == (sequence & 1) &&
                sequence == buffer.getLongVolatile(base + ContextSettingsDescriptor.SEQUENCE_OFFSET))
            {
                final IdlePolicy policy = kind < 1 || kind > IdlePolicy.Kind.values().length ? IdlePolicy.configured() :
                    IdlePolicy.of(IdlePolicy.Kind.values()[(int)kind - 1], spins, yields, minPark, maxPark);
                cachedIdlePolicy = new CachedIdlePolicy(sequence, policy);
                return policy;
            }
            Thread.onSpinWait();
        }
        return IdlePolicy.configured(); // a writer died half-way
    }

    /**
     * Sets how threads of every process in this context wait, from their next blocking call on.
     */
    public void setIdlePolicy(final IdlePolicy policy)
    {
        Objects.requireNonNull(policy, "policy");
        checkOpen();
        final UnsafeBuffer buffer = control.buffer();
        final int base = control.dataOffset() + ContextSettingsDescriptor.OFFSET;
        final int sequenceOffset = base + ContextSettingsDescriptor.SEQUENCE_OFFSET;
        final long writing = beginSettingsWrite(buffer, sequenceOffset);
        buffer.putLong(base + ContextSettingsDescriptor.IDLE_KIND_OFFSET, policy.kind().ordinal() + 1);
        buffer.putLong(base + ContextSettingsDescriptor.IDLE_SPINS_OFFSET, policy.spins());
        buffer.putLong(base + ContextSettingsDescriptor.IDLE_YIELDS_OFFSET, policy.yields());
        buffer.putLong(base + ContextSettingsDescriptor.IDLE_MIN_PARK_OFFSET, policy.minParkNs());
        buffer.putLong(base + ContextSettingsDescriptor.IDLE_MAX_PARK_OFFSET, policy.maxParkNs());
        buffer.putLongRelease(sequenceOffset, writing + 1);
    }

    /**
     * @return the odd sequence this writer now holds: the next after an even one, or, if another writer has
     * held an odd one for {@link #SETTINGS_WRITE_TIMEOUT_NS} (it died half-way), the next odd one.
     */
    private static long beginSettingsWrite(final UnsafeBuffer buffer, final int sequenceOffset)
    {
        long seen = -1;
        long seenAt = 0;
        while (true)
        {
            final long sequence = buffer.getLongVolatile(sequenceOffset);
            if (0 == (sequence & 1))
            {
                if (buffer.compareAndSetLong(sequenceOffset, sequence, sequence + 1))
                {
                    return sequence + 1;
                }
            }
            else if (sequence != seen)
            {
                seen = sequence;
                seenAt = System.nanoTime();
            }
            else if (System.nanoTime() - seenAt > SETTINGS_WRITE_TIMEOUT_NS &&
                buffer.compareAndSetLong(sequenceOffset, sequence, sequence + 2))
            {
                return sequence + 2;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Close every region this JVM created here, leave the process table, and remove the directory if this
     * JVM owns the context or is the last process attached to it. Idempotent.
     */
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        OPEN.remove(directory);
        final ContextErrorLog errors = errorLog;
        if (null != errors)
        {
            errors.close();
        }
        for (final MappedRegion region : List.copyOf(regions))
        {
            region.close();
        }
        leave();
        control.close();
    }

    /**
     * Records an exception in this JVM's error log in the context (created at the first record), where the
     * owner, other processes and {@code mp shm stat} read it with {@link ShmContexts#errors}, also after this
     * process has gone. Equal exceptions (same type, message and stack) are counted, not repeated. Never throws.
     *
     * @return false if the log is full, the context is closed, or the log could not be created.
     */
    public boolean recordError(final Throwable error)
    {
        Objects.requireNonNull(error, "error");
        ContextErrorLog errors = errorLog;
        if (null == errors)
        {
            synchronized (this)
            {
                if (closed)
                {
                    return false;
                }
                errors = errorLog;
                if (null == errors)
                {
                    try
                    {
                        errors = ContextErrorLog.create(this);
                    }
                    catch (final RuntimeException ex)
                    {
                        return false;
                    }
                    errorLog = errors;
                }
            }
        }
        return errors.record(error);
    }

    /**
     * Records an exception ({@link #recordError}) in every context this JVM has open or has attached a shared
     * object in, joining those it has not joined: how a child process leaves its failure where its parent and
     * {@code mp shm stat} find it. Never throws.
     */
    public static void recordErrorInContextsUsed(final Throwable error)
    {
        final Set<Path> directories = new LinkedHashSet<>(OPEN.keySet());
        directories.addAll(MappedRegion.attachedDirectories());
        for (final Path directory : directories)
        {
            try
            {
                of(directory).recordError(error);
            }
            catch (final RuntimeException ignore)
            {
                // A context that has gone, or one whose owner is removing it, takes no records.
            }
        }
    }

    public String toString()
    {
        return "ShmContext{" + directory + (owner ? ", owner" : ", attached") + (closed ? ", closed}" : "}");
    }

    /**
     * Leave the process table, drop this JVM's locks, and remove the directory if this JVM owns the context
     * or was the last one attached. Unmaps nothing.
     */
    private void leave()
    {
        try
        {
            processes.deregister(slotLock);
            contextLock.release();
            final boolean remove = owner || locks.isContextAbandoned();
            locks.close();
            if (remove)
            {
                PosixFiles.deleteTree(directory);
            }
        }
        catch (final IOException ex)
        {
            throw new ShmException("cannot close context " + directory + ": " + ex, ex);
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("context is closed: " + directory);
        }
    }

    private static ShmContext register(final ShmContext context)
    {
        OPEN.put(context.directory, context);
        return context;
    }

    private static void createLockFile(final Path directory) throws IOException
    {
        try (FileChannel channel = FileChannel.open(
            directory.resolve(LivenessLockFile.FILE_NAME),
            Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            PosixFiles.asAttribute(PosixFiles.FILE_MODE)))
        {
            channel.write(ByteBuffer.allocate(1 + ProcessTableDescriptor.MAX_PROCESSES), 0);
        }
    }

    private static void closeAll(final List<AutoCloseable> resources, final Exception failure)
    {
        for (final AutoCloseable resource : resources)
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                failure.addSuppressed(ex);
            }
        }
    }

    /**
     * Leaves every context this JVM has open, as its shutdown hook does, for a JVM about to halt without
     * running its hooks: a context it owns is removed, and so is any context it was the last process attached
     * to whose owner has gone, or in which it only attached objects and which nobody else is attached to.
     * Other threads may still be running, so mappings are left for the process exit to drop rather than
     * unmapped under them. Never throws.
     */
    public static void leaveAllOpen()
    {
        leaveOpenContexts();
        for (final Path directory : MappedRegion.attachedDirectories())
        {
            if (!OPEN.containsKey(directory) && ContextSweeper.isOursAndDead(directory))
            {
                ContextSweeper.remove(directory);
            }
        }
    }

    private static void leaveOpenContexts()
    {
        for (final ShmContext context : List.copyOf(OPEN.values()))
        {
            try
            {
                synchronized (context)
                {
                    if (context.closed)
                    {
                        continue;
                    }
                    context.closed = true;
                }
                context.leave();
            }
            catch (final RuntimeException ignore)
            {
                // Best effort at exit; a directory left behind is swept by the next context.
            }
        }
    }

    /**
     * The policy last read from the control file, valid while its sequence is unchanged.
     */
    private record CachedIdlePolicy(long sequence, IdlePolicy policy)
    {
    }
}
