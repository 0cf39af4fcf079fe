package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.internal.PosixFiles;
import io.multiprocessing4j.shm.internal.ProcessIdentity;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.OpenOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import static io.multiprocessing4j.shm.RegionHeaderDescriptor.*;

/**
 * One shared file mapped into this JVM: a validated {@link RegionHeaderDescriptor header} followed by
 * {@link #capacity()} data bytes at {@link RegionHeaderDescriptor#DATA_OFFSET}.
 * <p>
 * Any number of processes may map the same file; what the data bytes mean, and their memory ordering,
 * belongs to the type built on the region. {@link #close()} is idempotent and unmaps at once, after
 * which {@link #buffer()} throws; close must not race with other threads of this JVM still using the
 * region. The creating process also unlinks the file on close; mappings in other processes stay valid.
 */
public final class MappedRegion implements AutoCloseable
{
    private static final int ZERO_FILL_CHUNK = 64 * 1024;
    private static final Set<Path> ATTACHED_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final RegionType type;
    private final int capacity;
    private final boolean creator;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer buffer;
    private final long dataAddress;
    private final Object fileKey;
    private final Consumer<MappedRegion> onClose;
    /** Unusable: closed, or poisoned because the file shrank ({@link #fault}). */
    private volatile boolean closed;
    private volatile String fault;
    private boolean released;

    private MappedRegion(
        final Path path,
        final RegionType type,
        final int capacity,
        final boolean creator,
        final MappedByteBuffer mapping,
        final Consumer<MappedRegion> onClose)
    {
        this.path = path;
        this.type = type;
        this.capacity = capacity;
        this.creator = creator;
        this.mapping = mapping;
        this.buffer = new MappedRegionBuffer(mapping);
        this.dataAddress = buffer.addressOffset() + DATA_OFFSET;
        this.fileKey = fileKey(path);
        this.onClose = onClose;
        MappedFiles.register(this, buffer.addressOffset());
    }

    private static Object fileKey(final Path path)
    {
        try
        {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * Create a new file exclusively (never over an existing name or through a link), mode 0600, with
     * every page allocated by channel writes, so a full file system fails here and not later as a SIGBUS.
     * On failure nothing is left behind.
     *
     * @param label   names the object for people ({@link #label(String)}).
     * @param parts   the structures in the data a tool can read, at most {@link RegionHeaderDescriptor#MAX_PARTS}.
     * @param onClose run once when the region is closed.
     */
    static MappedRegion create(final Path path, final RegionType type, final int capacity, final String label,
        final List<RegionPart> parts, final Consumer<MappedRegion> onClose)
    {
        JvmFlags.ensureAgronaAccess();
        checkCapacity(type, capacity);
        checkParts(parts, capacity);
        final byte[] labelBytes = labelBytes(label);
        final long fileLength = HEADER_LENGTH + (long)capacity;
        final long usable = usableSpace(path.getParent());
        if (usable < fileLength)
        {
            throw new SharedMemoryExhaustedException(path, fileLength, usable, null);
        }

        boolean created = false;
        MappedByteBuffer mapping = null;
        try (FileChannel channel = FileChannel.open(
            path,
            Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS),
            PosixFiles.asAttribute(PosixFiles.FILE_MODE)))
        {
            created = true;
            Files.setPosixFilePermissions(path, PosixFiles.FILE_MODE);
            writeFully(channel, newHeader(type, capacity, labelBytes, parts), 0);
            zeroFill(channel, path, HEADER_LENGTH, fileLength);
            mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength);
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new ShmException("a file already exists at " + path + "; shared files are never reused", ex);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (null != mapping)
            {
                IoUtil.unmap(mapping);
            }
            if (created)
            {
                deleteQuietly(path);
            }
            if (ex instanceof ShmException)
            {
                throw (ShmException)ex;
            }
            throw new ShmException("cannot create " + path + ": " + ex, ex);
        }

        final MappedRegion region = new MappedRegion(path, type, capacity, true, mapping, onClose);
        region.buffer.putIntRelease(STATE_OFFSET, STATE_READY);
        return region;
    }

    /**
     * Reads and validates a shared file's header as {@link #attach} does, whatever its type, without mapping
     * it or waiting for it: for tools that list what a context holds.
     *
     * @throws InvalidSharedFileException naming the path and the field that failed: not ours, corrupt,
     *                                    truncated, or a stale file whose creator died initialising it.
     */
    public static RegionDescription describe(final Path path)
    {
        checkFileAttributes(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            final long size = channel.size();
            final ByteBuffer header = readHeader(channel, path, size);
            final int capacity = validateHeader(path, header, null);
            final boolean ready = isReady(path, header, size, capacity);
            return new RegionDescription(path, RegionType.fromId(header.getInt(REGION_TYPE_OFFSET)), capacity,
                header.getLong(CREATOR_PID_OFFSET), header.getLong(CREATED_AT_OFFSET), size, ready,
                readLabel(header), readParts(path, header, capacity));
        }
        catch (final NoSuchFileException ex)
        {
            throw new InvalidSharedFileException(path, "file", "an existing file", "missing", ex);
        }
        catch (final IOException ex)
        {
            throw new InvalidSharedFileException(path, "file", "readable", ex.toString(), ex);
        }
    }

    /**
     * Map an existing file after validating, before mapping, that it is a regular file (not a link)
     * owned by this uid, and every header field: magic, layout version, type, header length, capacity,
     * CRC, file size and READY state. A file whose live creator has not yet marked it READY is waited
     * for up to {@code timeoutMs}; one whose creator is dead is reported stale at once.
     *
     * @throws InvalidSharedFileException naming the path and the field that failed.
     */
    public static MappedRegion attach(final Path path, final RegionType expectedType, final long timeoutMs)
    {
        JvmFlags.ensureAgronaAccess();
        checkFileAttributes(path);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try (FileChannel channel = FileChannel.open(
            path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))
        {
            while (true)
            {
                final long size = channel.size();
                final ByteBuffer header = readHeader(channel, path, size);
                final int capacity = validateHeader(path, header, expectedType);
                if (isReady(path, header, size, capacity))
                {
                    ATTACHED_DIRECTORIES.add(path.toAbsolutePath().getParent());
                    final MappedByteBuffer mapping =
                        channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_LENGTH + (long)capacity);
                    return new MappedRegion(path, expectedType, capacity, false, mapping, region -> {});
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new InvalidSharedFileException(path, "state", "READY within " + timeoutMs + " ms",
                        "INITIALISING (creator pid " + header.getLong(CREATOR_PID_OFFSET) +
                        " is alive but has not finished)");
                }
                Thread.sleep(1);
            }
        }
        catch (final NoSuchFileException ex)
        {
            throw new InvalidSharedFileException(path, "file", "an existing file", "missing", ex);
        }
        catch (final IOException ex)
        {
            throw new InvalidSharedFileException(path, "file", "readable and writable", ex.toString(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ShmException("interrupted while attaching " + path, ex);
        }
    }

    /**
     * @return every directory this JVM has attached a region in.
     */
    static Set<Path> attachedDirectories()
    {
        return Set.copyOf(ATTACHED_DIRECTORIES);
    }

    /**
     * @return the whole file (header included) as an atomic buffer; data starts at {@link #dataOffset()}.
     * @throws IllegalStateException if the region is closed; {@link SharedMemoryFaultException} if its file shrank.
     */
    public UnsafeBuffer buffer()
    {
        if (closed)
        {
            throw closedException();
        }
        return buffer;
    }

    /**
     * For a fixed-layout object's hot path: its fields read and written through {@link org.agrona.UnsafeApi}
     * at this address with a {@code null} base, one call shallower than {@link #buffer()} and without its
     * bounds check, which matters while the caller's code is still interpreted or profiled. The caller
     * keeps within {@link #capacity()} bytes of it.
     *
     * @return the native address of the first data byte.
     * @throws IllegalStateException if the region is closed; {@link SharedMemoryFaultException} if its file shrank.
     */
    public long dataAddress()
    {
        if (closed)
        {
            throw closedException();
        }
        return dataAddress;
    }

    /**
     * @return a fresh native-order view of the data bytes (position 0 = first data byte), for bulk copies.
     * @throws IllegalStateException if the region is closed; {@link SharedMemoryFaultException} if its file shrank.
     */
    public ByteBuffer dataView()
    {
        if (closed)
        {
            throw closedException();
        }
        return mapping.duplicate().position(DATA_OFFSET).slice().order(ByteOrder.nativeOrder());
    }

    public int dataOffset()
    {
        return DATA_OFFSET;
    }

    public int capacity()
    {
        return capacity;
    }

    public RegionType type()
    {
        return type;
    }

    /**
     * @return the label people see for this object in tools, "" for none.
     */
    public String label()
    {
        final UnsafeBuffer header = buffer();
        final int length = header.getIntAcquire(LABEL_LENGTH_OFFSET);
        final byte[] raw = new byte[MAX_LABEL_BYTES];
        header.getBytes(LABEL_OFFSET, raw);
        return decodeLabel(length, raw);
    }

    /**
     * Renames the object for tools; every process mapping the region sees the new label. A label longer than
     * {@link RegionHeaderDescriptor#MAX_LABEL_BYTES} UTF-8 bytes is cut at a character boundary.
     *
     * @throws IllegalStateException if the region is closed; {@link SharedMemoryFaultException} if its file shrank.
     */
    public void label(final String label)
    {
        final byte[] bytes = labelBytes(label);
        final UnsafeBuffer header = buffer();
        header.putIntRelease(LABEL_LENGTH_OFFSET, 0);
        header.putBytes(LABEL_OFFSET, bytes);
        header.putIntRelease(LABEL_LENGTH_OFFSET, bytes.length);
    }

    public Path path()
    {
        return path;
    }

    /**
     * @return true if this JVM created the file (and so unlinks it on close).
     */
    public boolean isCreator()
    {
        return creator;
    }

    public boolean isClosed()
    {
        return closed;
    }

    public void close()
    {
        close(creator);
    }

    /**
     * Unmaps this view and leaves the file, even if this process created it, for another process to attach
     * and then {@link #closeAndDelete()} (a message too large for a ring travels this way).
     */
    public void closeKeepingFile()
    {
        close(false);
    }

    /**
     * Unmaps this view and deletes the file, whoever created it.
     */
    public void closeAndDelete()
    {
        close(true);
    }

    private void close(final boolean delete)
    {
        synchronized (this)
        {
            if (released)
            {
                return;
            }
            released = true;
            closed = true;
        }
        MappedFiles.forget(buffer.addressOffset());
        IoUtil.unmap(mapping);
        if (delete)
        {
            deleteQuietly(path);
        }
        onClose.accept(this);
    }

    public String toString()
    {
        return "MappedRegion{" + type + ", capacity=" + capacity + ", " + path + (closed ? ", closed}" : "}");
    }

    RuntimeException closedException()
    {
        final String why = fault;
        return null != why ? new SharedMemoryFaultException(why) :
            new IllegalStateException("shared " + type.fileNamePrefix() + " is closed: " + path);
    }

    long mappedLength()
    {
        return HEADER_LENGTH + (long)capacity;
    }

    Object fileKey()
    {
        return fileKey;
    }

    /**
     * @return why the region is unusable if its file shrank, else null.
     */
    String fault()
    {
        return fault;
    }

    /**
     * Makes every accessor refuse the region with {@code why}; close still unmaps it and removes its file.
     */
    void poison(final String why)
    {
        fault = why;
        closed = true;
    }

    static void checkCapacity(final RegionType type, final long capacity)
    {
        if (capacity < 0 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException(
                "capacity must be in [0, " + MAX_CAPACITY + "] bytes: capacity=" + capacity);
        }
        if (0 != capacity % type.elementSize())
        {
            throw new IllegalArgumentException("capacity of a " + type + " region must be a multiple of " +
                type.elementSize() + ": capacity=" + capacity);
        }
    }

    private static ByteBuffer newHeader(
        final RegionType type, final int capacity, final byte[] label, final List<RegionPart> parts)
    {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.nativeOrder());
        header.putLong(MAGIC_OFFSET, MAGIC)
            .putInt(LAYOUT_MAJOR_OFFSET, LAYOUT_MAJOR_VERSION)
            .putInt(LAYOUT_MINOR_OFFSET, LAYOUT_MINOR_VERSION)
            .putInt(REGION_TYPE_OFFSET, type.id())
            .putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH)
            .putLong(CAPACITY_OFFSET, capacity)
            .putLong(CREATOR_PID_OFFSET, ProcessIdentity.pid())
            .putLong(CREATOR_START_TIME_OFFSET, ProcessIdentity.startTimeMs())
            .putLong(CREATED_AT_OFFSET, System.currentTimeMillis());
        for (int i = 0; i < parts.size(); i++)
        {
            header.putInt(partOffset(i) + PART_KIND_OFFSET, parts.get(i).kind().id())
                .putInt(partOffset(i) + PART_DATA_OFFSET_OFFSET, parts.get(i).offset());
        }
        header.put(LABEL_OFFSET, label).putInt(LABEL_LENGTH_OFFSET, label.length);
        header.putInt(CRC_OFFSET, crc(header)).putInt(STATE_OFFSET, STATE_INITIALISING);
        return header;
    }

    private static int crc(final ByteBuffer header)
    {
        final CRC32C crc = new CRC32C();
        crc.update(header.duplicate().position(0).limit(CRC_OFFSET));
        crc.update(header.duplicate().position(PARTS_OFFSET).limit(LABEL_LENGTH_OFFSET));
        return (int)crc.getValue();
    }

    private static ByteBuffer readHeader(final FileChannel channel, final Path path, final long size)
        throws IOException
    {
        if (size < HEADER_LENGTH)
        {
            throw new InvalidSharedFileException(
                path, "file size", ">= " + HEADER_LENGTH + " bytes (a header)", size + " bytes (truncated)");
        }
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.nativeOrder());
        readFully(channel, header, path);
        return header;
    }

    /**
     * @return true if the file is READY and holds its whole capacity; false while a live creator initialises it.
     * @throws InvalidSharedFileException if it is READY but truncated, in an unknown state, or INITIALISING by a
     *                                    creator that died (a stale file).
     */
    private static boolean isReady(final Path path, final ByteBuffer header, final long size, final int capacity)
    {
        final int state = header.getInt(STATE_OFFSET);
        if (STATE_READY == state)
        {
            final long fileLength = HEADER_LENGTH + (long)capacity;
            if (size < fileLength)
            {
                throw new InvalidSharedFileException(path, "file size",
                    ">= " + fileLength + " bytes (header + capacity " + capacity + ")", size + " bytes (truncated)");
            }
            return true;
        }
        if (STATE_INITIALISING != state)
        {
            throw new InvalidSharedFileException(path, "state", "READY or INITIALISING", "0x" +
                Integer.toHexString(state));
        }
        final long creatorPid = header.getLong(CREATOR_PID_OFFSET);
        if (!ProcessIdentity.isRunning(creatorPid, header.getLong(CREATOR_START_TIME_OFFSET)))
        {
            throw new InvalidSharedFileException(path, "state", "READY",
                "INITIALISING, and its creator (pid " + creatorPid + ") is dead: a stale file");
        }
        return false;
    }

    /**
     * @param expectedType null to accept any known type.
     * @return the capacity, once every immutable field is valid.
     */
    private static int validateHeader(final Path path, final ByteBuffer header, final RegionType expectedType)
    {
        final long magic = header.getLong(MAGIC_OFFSET);
        if (MAGIC != magic)
        {
            throw new InvalidSharedFileException(path, "magic", hex(MAGIC) + " (a multiprocessing4j file)",
                hex(magic));
        }
        final int major = header.getInt(LAYOUT_MAJOR_OFFSET);
        if (LAYOUT_MAJOR_VERSION != major)
        {
            throw new IncompatibleLayoutException(path, LAYOUT_MAJOR_VERSION, major,
                header.getInt(LAYOUT_MINOR_OFFSET));
        }
        final int crc = header.getInt(CRC_OFFSET);
        final int expectedCrc = crc(header);
        if (expectedCrc != crc)
        {
            throw new InvalidSharedFileException(path, "header CRC32C", hex(expectedCrc), hex(crc));
        }
        final int typeId = header.getInt(REGION_TYPE_OFFSET);
        final RegionType type = RegionType.fromId(typeId);
        if (null == type || (null != expectedType && expectedType != type))
        {
            throw new InvalidSharedFileException(path, "region type",
                null == expectedType ? "a known type" : expectedType, null == type ? "unknown id " + typeId : type);
        }
        final int headerLength = header.getInt(HEADER_LENGTH_OFFSET);
        if (HEADER_LENGTH != headerLength)
        {
            throw new InvalidSharedFileException(path, "header length", HEADER_LENGTH, headerLength);
        }
        final long capacity = header.getLong(CAPACITY_OFFSET);
        if (capacity < 0 || capacity > MAX_CAPACITY || 0 != capacity % type.elementSize())
        {
            throw new InvalidSharedFileException(path, "capacity",
                "a multiple of " + type.elementSize() + " in [0, " + MAX_CAPACITY + "]", capacity);
        }
        return (int)capacity;
    }

    private static void checkParts(final List<RegionPart> parts, final int capacity)
    {
        if (parts.size() > MAX_PARTS)
        {
            throw new IllegalArgumentException("a region records at most " + MAX_PARTS + " parts: " + parts);
        }
        for (final RegionPart part : parts)
        {
            if (part.offset() >= capacity)
            {
                throw new IllegalArgumentException("part " + part + " lies outside a capacity of " + capacity);
            }
        }
    }

    /**
     * @return {@code label}'s UTF-8 bytes, cut at a character boundary to fit the header.
     */
    private static byte[] labelBytes(final String label)
    {
        final byte[] bytes = Objects.requireNonNull(label, "label").getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_LABEL_BYTES)
        {
            return bytes;
        }
        int length = MAX_LABEL_BYTES;
        while ((bytes[length] & 0xC0) == 0x80)
        {
            length--;
        }
        return Arrays.copyOf(bytes, length);
    }

    private static String readLabel(final ByteBuffer header)
    {
        final byte[] raw = new byte[MAX_LABEL_BYTES];
        header.get(LABEL_OFFSET, raw);
        return decodeLabel(header.getInt(LABEL_LENGTH_OFFSET), raw);
    }

    /**
     * @return the label as printable text, whatever the bytes: its length clamped to the field, malformed
     * UTF-8 replaced, control characters shown as '?'.
     */
    private static String decodeLabel(final int length, final byte[] raw)
    {
        final String text = new String(raw, 0, Math.max(0, Math.min(length, MAX_LABEL_BYTES)), StandardCharsets.UTF_8);
        final StringBuilder printable = new StringBuilder(text.length());
        text.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return printable.toString();
    }

    /**
     * @return the parts a validated header lists.
     * @throws InvalidSharedFileException if a part has an unknown kind or lies outside the data.
     */
    private static List<RegionPart> readParts(final Path path, final ByteBuffer header, final int capacity)
    {
        final List<RegionPart> parts = new ArrayList<>(MAX_PARTS);
        for (int i = 0; i < MAX_PARTS; i++)
        {
            final int kindId = header.getInt(partOffset(i) + PART_KIND_OFFSET);
            if (0 == kindId)
            {
                continue;
            }
            final RegionPart.Kind kind = RegionPart.Kind.fromId(kindId);
            final int offset = header.getInt(partOffset(i) + PART_DATA_OFFSET_OFFSET);
            if (null == kind || offset < 0 || offset >= capacity || 0 != (offset & (Long.BYTES - 1)))
            {
                throw new InvalidSharedFileException(path, "part " + i, "a known kind at an aligned offset below " +
                    capacity, "kind " + kindId + " at " + offset);
            }
            parts.add(new RegionPart(kind, offset));
        }
        return List.copyOf(parts);
    }

    /**
     * The file's directory must be a private directory of ours reached through no symbolic link, as a
     * context's is when a process joins it; a link at or above the configured base directory (a system's
     * {@code /dev/shm -> /run/shm}) is the configuration's own choice and allowed.
     */
    private static void checkDirectories(final Path path)
    {
        final Path directory = path.toAbsolutePath().normalize().getParent();
        try
        {
            PosixFiles.checkPrivate(directory, true, PosixFiles.DIRECTORY_MODE);
        }
        catch (final NoSuchFileException ex)
        {
            throw new InvalidSharedFileException(path, "file", "an existing file", "missing (so is its directory)", ex);
        }
        catch (final IOException ex)
        {
            throw new InvalidSharedFileException(path, "directory", "a private directory of ours", ex.getMessage(), ex);
        }
        final Path base = ShmConfiguration.baseDirectory().toAbsolutePath().normalize();
        for (Path above = directory.getParent(); null != above && !base.startsWith(above); above = above.getParent())
        {
            if (Files.isSymbolicLink(above))
            {
                throw new InvalidSharedFileException(path, "directory", "reached through no symbolic link",
                    above + " is a symbolic link");
            }
        }
    }

    private static void checkFileAttributes(final Path path)
    {
        checkDirectories(path);
        final PosixFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final NoSuchFileException ex)
        {
            throw new InvalidSharedFileException(path, "file", "an existing file", "missing", ex);
        }
        catch (final IOException ex)
        {
            throw new InvalidSharedFileException(path, "file", "readable attributes", ex.toString(), ex);
        }
        if (attributes.isSymbolicLink())
        {
            throw new InvalidSharedFileException(path, "file", "a regular file", "a symbolic link");
        }
        if (!attributes.isRegularFile())
        {
            throw new InvalidSharedFileException(
                path, "file", "a regular file", attributes.isDirectory() ? "a directory" : "a special file");
        }
        try
        {
            final int owner = ProcessIdentity.ownerUid(path);
            if (owner != ProcessIdentity.uid())
            {
                throw new InvalidSharedFileException(path, "owner uid", ProcessIdentity.uid(), owner);
            }
        }
        catch (final IOException ex)
        {
            throw new InvalidSharedFileException(path, "owner uid", ProcessIdentity.uid(), ex.toString(), ex);
        }
        if (!PosixFiles.FILE_MODE.equals(attributes.permissions()))
        {
            throw new InvalidSharedFileException(path, "mode", PosixFilePermissions.toString(PosixFiles.FILE_MODE),
                PosixFilePermissions.toString(attributes.permissions()));
        }
    }

    private static void zeroFill(final FileChannel channel, final Path path, final long from, final long to)
        throws IOException
    {
        final ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_FILL_CHUNK);
        long position = from;
        try
        {
            while (position < to)
            {
                zeros.clear().limit((int)Math.min(ZERO_FILL_CHUNK, to - position));
                writeFully(channel, zeros, position);
                position += zeros.limit();
            }
        }
        catch (final IOException ex)
        {
            // ENOSPC from a channel write is the clean failure we allocate up front to get.
            throw new SharedMemoryExhaustedException(path, to, position + usableSpace(path.getParent()), ex);
        }
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer source, final long position)
        throws IOException
    {
        long at = position;
        source.position(0);
        while (source.hasRemaining())
        {
            at += channel.write(source, at);
        }
    }

    private static void readFully(final FileChannel channel, final ByteBuffer target, final Path path)
        throws IOException
    {
        while (target.hasRemaining())
        {
            if (channel.read(target, target.position()) < 0)
            {
                throw new InvalidSharedFileException(path, "file size", ">= " + HEADER_LENGTH + " bytes",
                    target.position() + " bytes (truncated)");
            }
        }
    }

    private static long usableSpace(final Path dir)
    {
        try
        {
            return Files.getFileStore(dir).getUsableSpace();
        }
        catch (final IOException ex)
        {
            throw new ShmException("cannot read free space of " + dir, ex);
        }
    }

    private static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignore)
        {
            // The context directory's removal retries every file in it.
        }
    }

    private static String hex(final long value)
    {
        return "0x" + Long.toHexString(value);
    }
}
