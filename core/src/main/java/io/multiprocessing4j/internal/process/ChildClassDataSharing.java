package io.multiprocessing4j.internal.process;

import io.multiprocessing4j.shm.internal.PosixFiles;
import io.multiprocessing4j.shm.internal.ProcessIdentity;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dynamic AppCDS archive of the classes child JVMs load, so that later children map them instead of
 * loading and verifying them (about 10 ms less per start). The first child on a class path records the
 * archive as it exits ({@code -XX:ArchiveClassesAtExit}); the next ones use it ({@code -XX:SharedArchiveFile}).
 * Archives live in a private (0700, ours) directory {@code java.io.tmpdir/mp4j-cds-<uid>}, named by a
 * digest of the JDK, the class path (names, sizes, modification times) and the JVM options, so a rebuilt
 * jar gets a new archive. Only a class path made of jars can be archived; with directories on it (as in a
 * build's tests), or a module path, nothing changes.
 * The directory stays bounded: each time an archive is published, archives unused for {@code MAX_IDLE_MS} (a week)
 * are removed, and beyond {@value #MAX_ARCHIVES} the least recently used (an archive's modification time is when a
 * child last used it, to the hour).
 * Disable with {@code -Dmp4j.cds=false}. Thread-safe; processes coordinate through a lock file.
 */
final class ChildClassDataSharing
{
    static final String ENABLED_PROPERTY = "mp4j.cds";
    static final long MAX_IDLE_MS = TimeUnit.DAYS.toMillis(7);
    static final int MAX_ARCHIVES = 8;
    private static final long STALE_LOCK_MS = TimeUnit.MINUTES.toMillis(5);
    private static final long TOUCH_AFTER_MS = TimeUnit.HOURS.toMillis(1);
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Xshare:auto");
    /**
     * Map the archives at the address they were dumped for, as JDK 17 did by default: this JDK build relocates them
     * to a random address in every JVM, which made {@code java -version} take 94 ms here instead of 76 ms (its
     * "Genesis" phase in {@code -Xlog:startuptime}: 40-46 ms instead of 15.6 ms). A JVM that cannot map there still
     * relocates. Only for this JVM's own {@code java}, whose options are known.
     */
    static final List<String> MAP_IN_PLACE = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

    /**
     * What one launch adds to the command line, and what it does when that child has exited.
     */
    static final class Plan
    {
        final List<String> options;
        private final Path recording;
        private final Path archive;
        private final Path lock;
        private final boolean waitForIt;

        Plan(final List<String> options, final Path recording, final Path archive, final Path lock,
            final boolean waitForIt)
        {
            this.options = options;
            this.recording = recording;
            this.archive = archive;
            this.lock = lock;
            this.waitForIt = waitForIt;
        }

        /**
         * Publishes the recording child's archive once it has exited, on a thread that keeps this JVM running
         * until then if {@code waitForIt} (once per class path and options).
         */
        void publishWhenExited(final Process child)
        {
            if (null != recording)
            {
                final Thread publisher = new Thread(new Publisher(this, child), "mp4j-cds-publish");
                publisher.setDaemon(!waitForIt);
                publisher.start();
            }
        }

        /**
         * After the recording child exited: publish its archive (if it wrote one) and release the lock.
         */
        void childExited()
        {
            if (null == recording)
            {
                return;
            }
            try
            {
                if (Files.isRegularFile(recording) && Files.size(recording) > 0)
                {
                    Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
                    prune(archive.getParent(), System.currentTimeMillis());
                }
                Files.deleteIfExists(recording);
            }
            catch (final IOException ignore)
            {
                // no archive this time; the next child will try again
            }
            finally
            {
                try
                {
                    Files.deleteIfExists(lock);
                }
                catch (final IOException ignore)
                {
                    // a stale lock expires after STALE_LOCK_MS
                }
            }
        }
    }

    private static final class Publisher implements Runnable
    {
        private final Plan plan;
        private final Process child;

        Publisher(final Plan plan, final Process child)
        {
            this.plan = plan;
            this.child = child;
        }

        public void run()
        {
            try
            {
                child.waitFor();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            plan.childExited();
        }
    }

    private static final Plan NONE = new Plan(List.of(), null, null, null, false);

    private ChildClassDataSharing()
    {
    }

    /**
     * @param jvmOptions the child's other JVM options (part of the archive's identity).
     * @param classPath  the child's class path (the other part), or {@code null} if it has a module path.
     * @param waitForIt  whether this JVM should wait, before it exits, for the recording child to finish
     *                   writing the archive: yes for a child that exits on its own; no for a {@code WARM}
     *                   JVM, which may wait for this JVM's exit (its recording is then lost, and redone).
     * @param sameJdk    whether the child runs this JVM's {@code java}.
     * @return options that use or record the archive, or none.
     */
    static Plan plan(final List<String> jvmOptions, final String classPath, final boolean waitForIt,
        final boolean sameJdk)
    {
        if (null == classPath || !Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true")))
        {
            return NONE;
        }
        try
        {
            final String key = key(jvmOptions, classPath);
            if (null == key)
            {
                return NONE;
            }
            final Path directory = directory();
            final Path archive = directory.resolve(key + ".jsa");
            if (Files.isRegularFile(archive))
            {
                markUsed(archive);
                final List<String> options = new ArrayList<>(QUIET);
                options.add("-XX:SharedArchiveFile=" + archive);
                if (sameJdk)
                {
                    options.addAll(MAP_IN_PLACE);
                }
                return new Plan(options, null, null, null, false);
            }
            final Path lock = directory.resolve(key + ".lock");
            if (!claim(directory, key, lock))
            {
                return NONE;
            }
            final Path recording = directory.resolve(key + "." + ProcessHandle.current().pid() + ".recording");
            final List<String> options = new ArrayList<>(QUIET);
            options.add("-XX:ArchiveClassesAtExit=" + recording);
            return new Plan(options, recording, archive, lock, waitForIt);
        }
        catch (final IOException | NoSuchAlgorithmException ex)
        {
            return NONE;
        }
    }

    private static boolean claim(final Path directory, final String key, final Path lock) throws IOException
    {
        try
        {
            Files.createFile(lock);
            return true;
        }
        catch (final FileAlreadyExistsException ex)
        {
            final FileTime modified = Files.getLastModifiedTime(lock);
            if (System.currentTimeMillis() - modified.toMillis() > STALE_LOCK_MS)
            {
                // the recording JVM's parent died before publishing: drop what it left and try again later
                try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, key + ".*.recording"))
                {
                    for (final Path leftover : leftovers)
                    {
                        Files.deleteIfExists(leftover);
                    }
                }
                Files.deleteIfExists(lock);
            }
            return false;
        }
    }

    private static String key(final List<String> jvmOptions, final String classPath)
        throws IOException, NoSuchAlgorithmException
    {
        final MessageDigest digest = MessageDigest.getInstance("SHA-256");
        update(digest, System.getProperty("java.home"));
        update(digest, System.getProperty("java.vm.version"));
        for (final String entry : classPath.split(File.pathSeparator))
        {
            final Path path = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(path))
            {
                return null;
            }
            update(digest, path.toAbsolutePath().toString());
            update(digest, Long.toString(Files.size(path)));
            update(digest, Long.toString(Files.getLastModifiedTime(path).toMillis()));
        }
        for (final String option : jvmOptions)
        {
            update(digest, option);
        }
        final StringBuilder hex = new StringBuilder();
        for (final byte b : digest.digest())
        {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.substring(0, 32);
    }

    private static void update(final MessageDigest digest, final String value)
    {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte)0);
    }

    /**
     * Removes the archives unused for {@link #MAX_IDLE_MS}, and the least recently used beyond
     * {@value #MAX_ARCHIVES}. A child mapping a removed archive keeps its mapping; one starting with it runs without.
     */
    static void prune(final Path directory, final long nowMs)
    {
        final List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(directory, "*.jsa"))
        {
            all.forEach(archives::add);
        }
        catch (final IOException ex)
        {
            return;
        }
        archives.sort(Comparator.comparingLong(ChildClassDataSharing::lastUsedMs).reversed());
        for (int i = 0; i < archives.size(); i++)
        {
            if (i >= MAX_ARCHIVES || nowMs - lastUsedMs(archives.get(i)) > MAX_IDLE_MS)
            {
                try
                {
                    Files.deleteIfExists(archives.get(i));
                }
                catch (final IOException ignore)
                {
                    // tried again at the next publication
                }
            }
        }
    }

    private static long lastUsedMs(final Path archive)
    {
        try
        {
            return Files.getLastModifiedTime(archive).toMillis();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    private static void markUsed(final Path archive)
    {
        final long now = System.currentTimeMillis();
        if (now - lastUsedMs(archive) > TOUCH_AFTER_MS)
        {
            try
            {
                Files.setLastModifiedTime(archive, FileTime.fromMillis(now));
            }
            catch (final IOException ignore)
            {
                // it may then be pruned a little early
            }
        }
    }

    private static Path directory() throws IOException
    {
        final Path directory = Path.of(System.getProperty("java.io.tmpdir"), "mp4j-cds-" + ProcessIdentity.uid());
        try
        {
            PosixFiles.createPrivateDirectory(directory);
        }
        catch (final FileAlreadyExistsException ex)
        {
            // An archive is code that children load: use the directory only if it is ours and private.
            PosixFiles.checkPrivate(directory, true, PosixFiles.DIRECTORY_MODE);
        }
        return directory;
    }
}
