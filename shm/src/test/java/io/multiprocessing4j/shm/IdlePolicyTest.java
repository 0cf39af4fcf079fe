package io.multiprocessing4j.shm;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idle policies: their text form, and how a context shares one.
 */
final class IdlePolicyTest
{
    @Test
    void everyPolicyRoundTripsThroughItsTextAndMakesTheMatchingAgronaStrategy()
    {
        final IdlePolicy backoff = IdlePolicy.backoff(50, 5, Duration.ofNanos(1_000), Duration.ofMillis(2));
        assertEquals("backoff:50,5,1000,2000000", backoff.toString());
        for (final IdlePolicy policy : new IdlePolicy[] {
            backoff, IdlePolicy.busySpin(), IdlePolicy.yielding(), IdlePolicy.sleeping(Duration.ofMillis(3)),
            IdlePolicy.DEFAULT})
        {
            assertEquals(policy, IdlePolicy.parse(policy.toString()));
        }
        assertInstanceOf(BackoffIdleStrategy.class, backoff.newIdleStrategy());
        assertInstanceOf(BusySpinIdleStrategy.class, IdlePolicy.parse("spin").newIdleStrategy());
        assertInstanceOf(YieldingIdleStrategy.class, IdlePolicy.parse("yield").newIdleStrategy());
        assertInstanceOf(SleepingIdleStrategy.class, IdlePolicy.parse(" sleep:1000 ").newIdleStrategy());
    }

    @Test
    void badSpecsAreRefusedSayingWhatIsWrong()
    {
        assertMessage("unknown idle policy 'snooze'", () -> IdlePolicy.parse("snooze"));
        assertMessage("takes 4 argument(s), not 2", () -> IdlePolicy.parse("backoff:1,2"));
        assertMessage("bad number", () -> IdlePolicy.parse("sleep:soon"));
        assertMessage("minPark <= maxPark", () -> IdlePolicy.parse("backoff:1,1,10,5"));
        assertMessage("park period > 0", () -> IdlePolicy.parse("sleep:0"));
        assertMessage("minPark must not be negative",
            () -> IdlePolicy.backoff(1, 1, Duration.ofNanos(-1), Duration.ofMillis(1)));
        assertThrows(NullPointerException.class, () -> IdlePolicy.parse(null));
    }

    @Test
    void aContextKeepsItsPolicyInItsControlFileForEveryProcessAttached() throws Exception
    {
        try (ShmContext context = ShmContext.create())
        {
            assertEquals(IdlePolicy.configured(), context.idlePolicy(), "at first its creator's configured policy");
            final IdlePolicy sleeping = IdlePolicy.sleeping(Duration.ofMillis(7));
            context.setIdlePolicy(sleeping);
            assertEquals(sleeping, context.idlePolicy());

            try (MappedRegion control = MappedRegion.attach(
                context.directory().resolve(ShmContext.CONTROL_FILE), RegionType.CONTROL, 1_000))
            {
                final int sequence = control.dataOffset() + ContextSettingsDescriptor.OFFSET +
                    ContextSettingsDescriptor.SEQUENCE_OFFSET;
                assertEquals(4, control.buffer().getLongVolatile(sequence), "two writes so far");
                assertEquals(ContextSettingsDescriptor.CONTROL_LENGTH, control.capacity());

                control.buffer().putLongVolatile(sequence, 5); // a writer died half-way through
                final long start = System.nanoTime();
                assertEquals(IdlePolicy.configured(), context.idlePolicy(), "readers give up on a dead writer");
                context.setIdlePolicy(IdlePolicy.yielding());
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos());
                assertEquals(IdlePolicy.yielding(), context.idlePolicy(), "the next writer takes over");
                assertEquals(8, control.buffer().getLongVolatile(sequence));
            }
        }
    }

    private static void assertMessage(final String expected, final Runnable call)
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
