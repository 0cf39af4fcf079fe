package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.test.ChildJvm;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class JvmFlagsTest
{
    @Test
    void theFlagsComeFromTheOneDefinition()
    {
        assertEquals(java.util.List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"),
            JvmFlags.required());
        assertEquals("java.base/jdk.internal.misc", JvmFlags.manifestAddExports());
        final java.util.List<String> testJvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(testJvmArgs.contains(String.join("=", JvmFlags.required())),
            "Surefire's argLine is built from the same file: " + testJvmArgs);
        assertDoesNotThrow(JvmFlags::ensureAgronaAccess);
    }

    @Test
    void aJvmWithoutTheFlagGetsAnExceptionNamingIt() throws Exception
    {
        try (ChildJvm child = ChildJvm.startBare(CreateContextChild.class))
        {
            assertEquals(1, child.awaitExit(Duration.ofSeconds(30)));
            final String stderr = child.stderr();
            assertTrue(stderr.contains(MissingJvmFlagException.class.getName()), stderr);
            assertTrue(stderr.contains("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED"), stderr);
            assertFalse(stderr.contains("NoClassDefFoundError"), stderr);
        }
    }

    public static final class CreateContextChild
    {
        public static void main(final String[] args)
        {
            ShmContext.create().close();
        }
    }
}
