package io.multiprocessing4j.tools;

import io.multiprocessing4j.shm.ShmConfiguration;
import io.multiprocessing4j.shm.test.ChildJvm;
import io.multiprocessing4j.shm.test.ContextOwnerChild;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private record Run(int status, String out, String err)
    {
    }

    private static Run mp(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int status = Mp.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void lsAndStatShowALiveContextItsProcessItsValueAndACorruptFileAsCorrupt() throws Exception
    {
        try (ChildJvm owner = ChildJvm.start(ContextOwnerChild.class))
        {
            final Path directory = Path.of(owner.awaitLine(TIMEOUT));
            final Path garbage = Files.writeString(directory.resolve("garbage"), "not ours".repeat(40));
            Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));
            try
            {
                final Run ls = mp("shm", "ls");
                assertEquals(0, ls.status(), ls.err());
                final String name = directory.getFileName().toString();
                assertTrue(ls.out().contains(name + "  owner " + owner.pid() + ", in use"), ls.out());
                assertTrue(ls.out().matches("(?s).*long-\\S*\\s+long\\s+capacity 8\\s+creator " + owner.pid() + ".*"),
                    ls.out());
                assertTrue(ls.out().matches("(?s).*garbage\\s+UNREADABLE: .*magic.*"), ls.out());

                final Run stat = mp("shm", "stat", name);
                assertEquals(0, stat.status(), stat.err());
                assertTrue(stat.out().matches("(?s).*processes.*\\n\\s+0\\s+" + owner.pid() + "\\s+alive.*"), stat.out());
                assertTrue(stat.out().contains("value 7"), "the child's SharedLong holds 7:\n" + stat.out());

                final Run file = mp("shm", "stat", garbage.toString());
                assertEquals(0, file.status(), file.err());
                assertTrue(file.out().contains("UNREADABLE") && file.out().contains(garbage.toString()), file.out());

                final Run watch = mp("shm", "stat", name, "--watch", "--count", "2");
                assertEquals(2, watch.out().split("processes", -1).length - 1, watch.out());

                final Run refused = mp("shm", "rm", name);
                assertEquals(1, refused.status());
                assertTrue(refused.err().contains("owner pid " + owner.pid() + " is alive"), refused.err());
                assertTrue(Files.isDirectory(directory));
            }
            finally
            {
                Files.delete(garbage);
                owner.send("");
                assertEquals(0, owner.awaitExit(TIMEOUT));
            }
        }
    }

    @Test
    void rmDeadRemovesWhatASigkilledOwnerLeft() throws Exception
    {
        try (ChildJvm owner = ChildJvm.start(ContextOwnerChild.class))
        {
            final Path directory = Path.of(owner.awaitLine(TIMEOUT));
            owner.kill();
            final Run ls = mp("shm", "ls");
            assertTrue(ls.out().contains(directory.getFileName() + "  owner " + owner.pid() + ", UNUSED"), ls.out());
            final Run rm = mp("shm", "rm", "--dead");
            assertEquals(0, rm.status(), rm.err());
            assertTrue(rm.out().startsWith("removed "), rm.out());
            assertFalse(Files.exists(directory));
        }
    }

    @Test
    void usageErrorsSayWhatWasWrong()
    {
        final Run neither = mp("shm", "rm");
        assertEquals(1, neither.status());
        assertTrue(neither.err().contains("either --dead or the contexts"), neither.err());
        final Run unknown = mp("shm", "frobnicate");
        assertEquals(2, unknown.status());
        final Run notAContext = mp("shm", "stat", ShmConfiguration.baseDirectory().toString());
        assertEquals(1, notAContext.status());
        assertTrue(notAContext.err().contains("is not a multiprocessing4j context directory"), notAContext.err());
    }
}
