package io.multiprocessing4j.internal.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child's class path is this JVM's when that holds everything, and gains what a launcher's own class loader (as
 * {@code mvn exec:java} uses) adds.
 */
class ChildClassPathTest
{
    @Test
    void theSystemLoadersClassPathIsKeptAsItIs()
    {
        assertEquals(System.getProperty("java.class.path"),
            ChildClassPath.of(ClassLoader.getSystemClassLoader()).classPathAlone());
    }

    @Test
    void whatALaunchersLoaderAddsIsAppended(@TempDir final Path program) throws Exception
    {
        try (URLClassLoader launcher = new URLClassLoader(new URL[] {program.toUri().toURL()},
            ClassLoader.getSystemClassLoader()))
        {
            final String classPath = ChildClassPath.of(launcher).classPathAlone();
            assertTrue(classPath.startsWith(System.getProperty("java.class.path")), classPath);
            assertTrue(classPath.endsWith(File.pathSeparator + program.toAbsolutePath().normalize()), classPath);
        }
    }
}
