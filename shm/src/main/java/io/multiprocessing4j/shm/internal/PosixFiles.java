package io.multiprocessing4j.shm.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Private files and directories: created exclusively with an explicit mode that umask cannot
 * widen or narrow, checked without following symbolic links. Stateless and thread-safe.
 */
public final class PosixFiles
{
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private PosixFiles()
    {
    }

    public static FileAttribute<Set<PosixFilePermission>> asAttribute(final Set<PosixFilePermission> mode)
    {
        return PosixFilePermissions.asFileAttribute(mode);
    }

    /**
     * Create a directory with mode 0700, failing if anything (a symlink included) already has that name,
     * then verify it is a real directory owned by us with exactly that mode.
     */
    public static void createPrivateDirectory(final Path dir) throws IOException
    {
        Files.createDirectory(dir, asAttribute(DIRECTORY_MODE));
        Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
        checkPrivate(dir, true, DIRECTORY_MODE);
    }

    /**
     * Fail unless {@code path} is (not through a link) a directory or regular file owned by this
     * process's uid with exactly {@code mode}.
     */
    public static void checkPrivate(final Path path, final boolean directory, final Set<PosixFilePermission> mode)
        throws IOException
    {
        final PosixFileAttributes attributes =
            Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink())
        {
            throw new IOException("refusing symbolic link: " + path);
        }
        if (directory != attributes.isDirectory())
        {
            throw new IOException("expected a " + (directory ? "directory" : "regular file") + ": " + path);
        }
        final int owner = ProcessIdentity.ownerUid(path);
        if (owner != ProcessIdentity.uid())
        {
            throw new IOException("owned by uid " + owner + ", not by this process's uid " +
                ProcessIdentity.uid() + ": " + path);
        }
        if (!mode.equals(attributes.permissions()))
        {
            throw new IOException("mode is " + PosixFilePermissions.toString(attributes.permissions()) +
                ", expected " + PosixFilePermissions.toString(mode) + ": " + path);
        }
    }

    /**
     * Delete a tree without following symbolic links; files that vanish meanwhile are ignored.
     */
    public static void deleteTree(final Path root) throws IOException
    {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>()
        {
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
            {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            public FileVisitResult visitFileFailed(final Path file, final IOException ex) throws IOException
            {
                if (ex instanceof NoSuchFileException)
                {
                    return FileVisitResult.CONTINUE;
                }
                throw ex;
            }

            public FileVisitResult postVisitDirectory(final Path dir, final IOException ex) throws IOException
            {
                if (null != ex && !(ex instanceof NoSuchFileException))
                {
                    throw ex;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
