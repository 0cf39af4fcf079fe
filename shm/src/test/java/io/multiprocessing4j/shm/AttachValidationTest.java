package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.internal.PosixFiles;
import io.multiprocessing4j.shm.value.SharedInt;
import io.multiprocessing4j.shm.value.SharedLong;
import io.multiprocessing4j.shm.value.SharedLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import static io.multiprocessing4j.shm.RegionHeaderDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Attaching to every kind of bad file fails with an exception naming the path and the field, before
 * anything is mapped; none hangs, crashes or reads out of bounds.
 */
class AttachValidationTest
{
    private ShmContext context;
    private SharedLongArray valid;

    @BeforeEach
    void setUp()
    {
        context = ShmContext.create();
        valid = SharedLongArray.create(context, 100);
    }

    @AfterEach
    void tearDown()
    {
        context.close();
    }

    @Test
    void missingFile()
    {
        final Path missing = context.directory().resolve("missing");
        assertInvalid("file", "missing", () -> SharedLongArray.attach(handleOf(missing)), missing);
    }

    @Test
    void fileOfAnEndedContextIsMissingNotForeign()
    {
        final Path gone = context.directory().resolveSibling(context.directory().getFileName() + "-ended")
            .resolve("array");
        assertInvalid("file", "missing", () -> SharedLongArray.attach(handleOf(gone)), gone);
    }

    @Test
    void symbolicLinkToAValidFile() throws IOException
    {
        final Path link = Files.createSymbolicLink(context.directory().resolve("link"), valid.handle().file());
        assertInvalid("file", "symbolic link", () -> SharedLongArray.attach(handleOf(link)), link);
    }

    @Test
    void symbolicLinkToTheContextDirectory() throws IOException
    {
        final Path link = Files.createSymbolicLink(
            context.directory().resolveSibling(context.directory().getFileName() + "-link"), context.directory());
        try
        {
            final Path file = link.resolve(valid.handle().file().getFileName());
            assertInvalid("directory", "symbolic link", () -> SharedLongArray.attach(handleOf(file)), file);
        }
        finally
        {
            Files.delete(link);
        }
    }

    @Test
    void symbolicLinkAboveTheContextDirectory(@TempDir final Path temp) throws IOException
    {
        final Path up = Files.createSymbolicLink(temp.resolve("up"), context.directory().getParent());
        final Path file = up.resolve(context.directory().getFileName()).resolve(valid.handle().file().getFileName());
        assertInvalid("directory", up + " is a symbolic link", () -> SharedLongArray.attach(handleOf(file)), file);
    }

    @Test
    void directory() throws IOException
    {
        final Path dir = Files.createDirectory(context.directory().resolve("dir"));
        assertInvalid("file", "directory", () -> SharedLongArray.attach(handleOf(dir)), dir);
    }

    @Test
    void foreignFile() throws IOException
    {
        final Path foreign = privateFile("foreign", ("#!/bin/sh\necho this is not a multiprocessing4j file\n".repeat(5))
            .getBytes(StandardCharsets.US_ASCII));
        assertInvalid("magic", "0x", () -> SharedLongArray.attach(handleOf(foreign)), foreign);
    }

    @Test
    void emptyAndTruncatedHeader() throws IOException
    {
        final Path empty = privateFile("empty", new byte[0]);
        assertInvalid("file size", "0 bytes (truncated)", () -> SharedLongArray.attach(handleOf(empty)), empty);
        final Path half = copyOfValid("half", 64);
        assertInvalid("file size", "64 bytes (truncated)", () -> SharedLongArray.attach(handleOf(half)), half);
    }

    @Test
    void truncatedData() throws IOException
    {
        final Path cut = copyOfValid("cut", HEADER_LENGTH + 100);
        assertInvalid("file size", "truncated", () -> SharedLongArray.attach(handleOf(cut)), cut);
    }

    @Test
    void wrongLayoutMajorVersion() throws IOException
    {
        final Path path = patched("v3", b -> b.putInt(LAYOUT_MAJOR_OFFSET, 3), true);
        final InvalidSharedFileException ex =
            assertInvalid("layout version", "3.0", () -> SharedLongArray.attach(handleOf(path)), path);
        assertInstanceOf(IncompatibleLayoutException.class, ex);
        assertEquals("2.x", ex.expected());
    }

    @Test
    void corruptHeaderFailsItsCrc() throws IOException
    {
        final Path path = patched("crc", b -> b.putLong(CREATOR_PID_OFFSET, 12345), false);
        assertInvalid("header CRC32C", "0x", () -> SharedLongArray.attach(handleOf(path)), path);
    }

    @Test
    void unknownOrMisplacedPartIsReportedByDescribe() throws IOException
    {
        final Path unknown = patched("part", b -> b.putInt(partOffset(0) + PART_KIND_OFFSET, 77), true);
        assertInvalid("part 0", "kind 77", () -> MappedRegion.describe(unknown), unknown);
        final Path outside = patched("outside", b -> b.putInt(partOffset(1) + PART_KIND_OFFSET, 1)
            .putInt(partOffset(1) + PART_DATA_OFFSET_OFFSET, 1 << 30), true);
        assertInvalid("part 1", "at " + (1 << 30), () -> MappedRegion.describe(outside), outside);
    }

    @Test
    void aGarbledLabelIsReadAsPrintableTextOfTheFieldsLength() throws IOException
    {
        final Path path = patched("label", b -> {
            b.putInt(LABEL_LENGTH_OFFSET, Integer.MAX_VALUE);
            for (int i = LABEL_OFFSET; i < HEADER_LENGTH; i++)
            {
                b.put(i, (byte)(i % 2 == 0 ? 0x07 : 0xC3));
            }
        }, false);
        final String label = MappedRegion.describe(path).label();
        assertTrue(label.codePoints().noneMatch(Character::isISOControl), label);
        assertTrue(label.length() <= MAX_LABEL_BYTES, label);
    }

    @Test
    void labelsAreCutAtACharacterBoundaryAndSeenByEveryMapping() throws IOException
    {
        try (SharedLong value = SharedLong.create(context, 0);
             MappedRegion other = MappedRegion.attach(value.handle().file(), RegionType.LONG, 100))
        {
            value.label("\u00e9".repeat(20));
            assertEquals("\u00e9".repeat(MAX_LABEL_BYTES / 2), other.label());
            assertEquals(other.label(), MappedRegion.describe(value.handle().file()).label());
        }
    }

    @Test
    void wrongAndUnknownType() throws IOException
    {
        final Path path = valid.handle().file();
        assertInvalid("region type", "LONG_ARRAY",
            () -> SharedInt.attach(new SharedHandle(RegionType.INT, DATA_OFFSET, path.toString())), path);
        final Path unknown = patched("unknown", b -> b.putInt(REGION_TYPE_OFFSET, 99), true);
        assertInvalid("region type", "unknown id 99", () -> SharedLongArray.attach(handleOf(unknown)), unknown);
    }

    @Test
    void impossibleCapacityAndHeaderLength() throws IOException
    {
        final Path capacity = patched("capacity", b -> b.putLong(CAPACITY_OFFSET, 7), true);
        assertInvalid("capacity", "7", () -> SharedLongArray.attach(handleOf(capacity)), capacity);
        final Path negative = patched("negative", b -> b.putLong(CAPACITY_OFFSET, -8), true);
        assertInvalid("capacity", "-8", () -> SharedLongArray.attach(handleOf(negative)), negative);
        final Path header = patched("header", b -> b.putInt(HEADER_LENGTH_OFFSET, 64), true);
        assertInvalid("header length", "64", () -> SharedLongArray.attach(handleOf(header)), header);
    }

    @Test
    void notReadyAndItsCreatorIsDeadIsStaleAtOnce() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        final Path path = patched("stale", b -> b.putLong(CREATOR_PID_OFFSET, gone.pid())
            .putInt(STATE_OFFSET, STATE_INITIALISING), true);
        final long start = System.nanoTime();
        assertInvalid("state", "is dead: a stale file", () -> SharedLongArray.attach(handleOf(path)), path);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "a stale file is reported at once");
    }

    @Test
    void notReadyAndItsCreatorIsAliveTimesOut() throws IOException
    {
        final Path path = patched("busy", b -> b.putInt(STATE_OFFSET, STATE_INITIALISING), true);
        final long start = System.nanoTime();
        assertInvalid("state", "has not finished", () -> MappedRegion.attach(path, RegionType.LONG_ARRAY, 200), path);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void garbageState() throws IOException
    {
        final Path path = patched("state", b -> b.putInt(STATE_OFFSET, 0x1234), true);
        assertInvalid("state", "0x1234", () -> SharedLongArray.attach(handleOf(path)), path);
    }

    @Test
    void readableByOthers() throws IOException
    {
        final Path path = copyOfValid("mode", -1);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        assertInvalid("mode", "rw-r--r--", () -> SharedLongArray.attach(handleOf(path)), path);
    }

    @Test
    void wrongDataOffsetInHandle()
    {
        final Path path = valid.handle().file();
        assertInvalid("data offset", "128",
            () -> SharedLongArray.attach(new SharedHandle(RegionType.LONG_ARRAY, 64, path.toString())), path);
    }

    @Test
    void randomHeaderCorruptionNeverEscapesAsAnythingElse() throws IOException
    {
        final Random random = new Random(42);
        final byte[] original = Files.readAllBytes(valid.handle().file());
        for (int trial = 0; trial < 300; trial++)
        {
            final byte[] mutated = original.clone();
            final int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++)
            {
                mutated[random.nextInt(HEADER_LENGTH)] ^= (byte)(1 + random.nextInt(255));
            }
            final Path path = privateFile("fuzz-" + trial, mutated);
            try
            {
                MappedRegion.attach(path, RegionType.LONG_ARRAY, 50).close();
            }
            catch (final InvalidSharedFileException expected)
            {
                assertTrue(expected.getMessage().contains(path.toString()));
            }
            Files.delete(path);
        }
    }

    @Test
    void sharedLongAttachStillWorksOnAGoodFile()
    {
        try (SharedLong value = SharedLong.create(context, 3);
             SharedLong again = SharedLong.attach(value.handle()))
        {
            assertEquals(3, again.get());
        }
    }

    private static InvalidSharedFileException assertInvalid(
        final String field, final String found, final org.junit.jupiter.api.function.Executable attach, final Path path)
    {
        final InvalidSharedFileException ex = assertThrows(InvalidSharedFileException.class, attach);
        assertEquals(field, ex.field(), ex.getMessage());
        assertTrue(ex.found().contains(found), () -> "found '" + ex.found() + "' should mention '" + found + "'");
        assertTrue(ex.getMessage().contains(path.toString()), ex.getMessage());
        return ex;
    }

    private static SharedHandle handleOf(final Path path)
    {
        return new SharedHandle(RegionType.LONG_ARRAY, DATA_OFFSET, path.toString());
    }

    private Path privateFile(final String name, final byte[] content) throws IOException
    {
        final Path path = context.directory().resolve(name);
        Files.write(path, content, StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(path, PosixFiles.FILE_MODE);
        return path;
    }

    private Path copyOfValid(final String name, final int length) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(valid.handle().file());
        return privateFile(name, length < 0 ? bytes : java.util.Arrays.copyOf(bytes, length));
    }

    private Path patched(final String name, final Consumer<ByteBuffer> patch, final boolean fixCrc) throws IOException
    {
        final Path path = copyOfValid(name, -1);
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.nativeOrder());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            channel.read(header, 0);
            patch.accept(header);
            if (fixCrc)
            {
                final CRC32C crc = new CRC32C();
                crc.update(header.duplicate().position(0).limit(CRC_OFFSET));
                crc.update(header.duplicate().position(PARTS_OFFSET).limit(LABEL_LENGTH_OFFSET));
                header.putInt(CRC_OFFSET, (int)crc.getValue());
            }
            channel.write(header.position(0), 0);
        }
        return path;
    }
}
