package io.multiprocessing4j.shm;

import io.multiprocessing4j.shm.ring.RingStatus;
import io.multiprocessing4j.shm.ring.SpscRing;
import io.multiprocessing4j.shm.sync.LockWordDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What tools read inside regions: the parts of a live ring and lock, and garbage in parts and error logs, which
 * must read as garbage or CORRUPT, never as an exception, a hang or an out-of-bounds access.
 */
class RegionInspectorTest
{
    private static final int RING_CAPACITY = 4096;
    private static final int LOCK_OFFSET = 0;
    private static final int RING_OFFSET = 64;

    private ShmContext context;
    private MappedRegion region;

    @BeforeEach
    void setUp()
    {
        context = ShmContext.create();
        region = context.newRegion(RegionType.RING, RING_OFFSET + SpscRing.regionLength(RING_CAPACITY), "test parts",
            List.of(RegionPart.of(RegionPart.Kind.LOCK, LOCK_OFFSET), RegionPart.of(RegionPart.Kind.RING,
                RING_OFFSET)));
        SpscRing.initialize(region.buffer(), region.dataOffset() + RING_OFFSET, RING_CAPACITY, 1000);
    }

    @AfterEach
    void tearDown()
    {
        context.close();
    }

    private List<String> inspect() throws Exception
    {
        final RegionDescription description = MappedRegion.describe(region.path());
        assertEquals("test parts", description.label());
        return RegionInspector.inspect(description, ShmContexts.processes(context.directory()));
    }

    @Test
    void readsALockHolderAndItsWaitersAndARingsFillAndEnds() throws Exception
    {
        final UnsafeBuffer buffer = region.buffer();
        final int base = region.dataOffset();
        final int slot = context.processes().ownSlot();
        buffer.putLong(base + LOCK_OFFSET, LockWordDescriptor.owner(slot, context.processes().generation(slot)));
        buffer.putLong(base + LOCK_OFFSET + LockWordDescriptor.WAITERS_OFFSET, 2);
        final SpscRing ring = new SpscRing(buffer, base + RING_OFFSET, context.processes());
        ring.takeWriter();
        assertEquals(RingStatus.DONE, ring.send(1, new UnsafeBuffer(new byte[24]), 0, 24, context.idlePolicy()));

        final List<String> lines = inspect();
        final long pid = ProcessHandle.current().pid();
        assertEquals("lock: held by pid " + pid + ", 2 waiting", lines.get(0));
        assertTrue(lines.get(1).matches(
            "ring spsc: \\d+ of 4096 bytes used \\(\\d+%\\), head 0, tail \\d+; writer pid " +
            pid + ", reader not taken"), lines.get(1));
    }

    @Test
    void garbageInThePartsReadsAsGarbageOrCorruptNeverAsAnException() throws Exception
    {
        final UnsafeBuffer buffer = region.buffer();
        final Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            for (int i = 0; i < 8; i++)
            {
                final int at = region.dataOffset() + (random.nextBoolean() ? random.nextInt(64) :
                    RING_OFFSET + random.nextInt(SpscRing.regionLength(RING_CAPACITY) - 8)) & ~7;
                buffer.putLong(at, random.nextBoolean() ? random.nextLong() : random.nextInt(1 << 20) - (1 << 19));
            }
            final List<String> lines = inspect();
            assertEquals(2, lines.size(), lines.toString());
        }
        buffer.putInt(region.dataOffset() + RING_OFFSET + 4, Integer.MAX_VALUE);
        assertTrue(inspect().get(1).startsWith("ring at " + RING_OFFSET + ": CORRUPT"), inspect().toString());
    }

    @Test
    void aGarbledErrorLogIsReportedCorruptWithoutHanging() throws Exception
    {
        assertTrue(context.recordError(new IllegalStateException("first")));
        final RegionDescription log = ShmContexts.describe(context.directory()).entries().stream()
            .map(ShmContexts.Entry::region).filter(r -> null != r && RegionType.ERROR_LOG == r.type())
            .findFirst().orElseThrow();
        assertEquals(1, ShmContexts.errors(context.directory()).size());
        try (MappedRegion mapped = MappedRegion.attach(log.path(), RegionType.ERROR_LOG, 100))
        {
            final UnsafeBuffer buffer = mapped.buffer();
            final Random random = new Random(11);
            for (int trial = 0; trial < 100; trial++)
            {
                final int at = mapped.dataOffset() + (random.nextInt(64) & ~3);
                buffer.putInt(at, trial % 3 == 0 ? -8 * random.nextInt(100) : random.nextInt());
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ShmContexts.errors(context.directory()));
            }
        }
    }
}
