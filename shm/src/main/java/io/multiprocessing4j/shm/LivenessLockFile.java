package io.multiprocessing4j.shm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Kernel record locks on the bytes of a context's {@code alive.lock} file, which the kernel releases the
 * instant a process dies, even by SIGKILL:
 * <ul>
 *   <li>byte 0: every process attached to the context holds a shared lock; whoever can lock it
 *   exclusively knows that no process is attached any more;</li>
 *   <li>byte 1 + slot: the process in that {@link ProcessTable} slot holds an exclusive lock.</li>
 * </ul>
 * One instance per context per JVM, because closing any channel to the file drops all of this JVM's
 * locks on it. Thread-safe: probes are serialised, since two probes of one byte from one JVM overlap.
 */
final class LivenessLockFile implements AutoCloseable
{
    static final String FILE_NAME = "alive.lock";
    static final long CONTEXT_BYTE = 0;

    private final FileChannel channel;

    private LivenessLockFile(final FileChannel channel)
    {
        this.channel = channel;
    }

    static LivenessLockFile open(final Path contextDir) throws IOException
    {
        return new LivenessLockFile(FileChannel.open(contextDir.resolve(FILE_NAME),
            StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * @return the shared lock on byte 0 that marks this process as attached, or null if some process
     * holds it exclusively (the context is being removed).
     */
    synchronized FileLock tryHoldContext() throws IOException
    {
        return channel.tryLock(CONTEXT_BYTE, 1, true);
    }

    /**
     * @return true if no process holds any lock on byte 0, i.e. nobody is attached. Must not be called by
     * a JVM that is itself attached through this file.
     */
    synchronized boolean isContextAbandoned() throws IOException
    {
        return probe(CONTEXT_BYTE);
    }

    /**
     * @return the exclusive lock of a process-table slot, or null if another process (or a probe) holds it.
     */
    synchronized FileLock tryHoldSlot(final int slot) throws IOException
    {
        try
        {
            return channel.tryLock(slotByte(slot), 1, false);
        }
        catch (final OverlappingFileLockException ex)
        {
            return null;
        }
    }

    /**
     * @return true if no process holds the slot's byte: its last holder is dead or has left.
     */
    synchronized boolean isSlotFree(final int slot) throws IOException
    {
        return probe(slotByte(slot));
    }

    public void close() throws IOException
    {
        channel.close();
    }

    private boolean probe(final long position) throws IOException
    {
        final FileLock lock;
        try
        {
            lock = channel.tryLock(position, 1, false);
        }
        catch (final OverlappingFileLockException ex)
        {
            return false;
        }
        if (null == lock)
        {
            return false;
        }
        lock.release();
        return true;
    }

    private static long slotByte(final int slot)
    {
        return 1L + slot;
    }
}
