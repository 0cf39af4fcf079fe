package io.multiprocessing4j.shm.test;

import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.internal.PosixFiles;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fails the test that leaves anything of ours ({@code mp4j-*}) in the shared-memory directory or leaves a
 * child process running, and removes what it left so the next test starts clean. Registered for every
 * test by JUnit's extension auto-detection.
 */
public final class ShmLeakCheck implements BeforeEachCallback, AfterEachCallback
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ShmLeakCheck.class);
    private static final long SETTLE_MS = 3_000;

    public void beforeEach(final ExtensionContext context) throws IOException
    {
        context.getStore(NAMESPACE).put("before", entries());
    }

    @SuppressWarnings("unchecked")
    public void afterEach(final ExtensionContext context) throws IOException, InterruptedException
    {
        final Set<Path> before = (Set<Path>)context.getStore(NAMESPACE).get("before");
        final long deadline = System.currentTimeMillis() + SETTLE_MS;
        Set<Path> leaked;
        List<ProcessHandle> children;
        do
        {
            leaked = entries();
            leaked.removeAll(before);
            children = ProcessHandle.current().children().filter(ProcessHandle::isAlive).collect(Collectors.toList());
            if (leaked.isEmpty() && children.isEmpty())
            {
                return;
            }
            Thread.sleep(20);
        }
        while (System.currentTimeMillis() < deadline);

        children.forEach(ProcessHandle::destroyForcibly);
        for (final Path path : leaked)
        {
            PosixFiles.deleteTree(path);
        }
        throw new AssertionError("test left " + (leaked.isEmpty() ? "" : "shared files " + leaked + " ") +
            (children.isEmpty() ? "" : "running child processes " +
            children.stream().map(ProcessHandle::pid).collect(Collectors.toList())));
    }

    private static Set<Path> entries() throws IOException
    {
        final Set<Path> entries = new HashSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(
            ShmConfiguration.baseDirectory(), ShmConfiguration.CONTEXT_DIR_PREFIX + "*"))
        {
            stream.forEach(entries::add);
        }
        return entries;
    }
}
