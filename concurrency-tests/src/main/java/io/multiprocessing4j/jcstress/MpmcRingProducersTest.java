package io.multiprocessing4j.jcstress;

import io.multiprocessing4j.shm.ring.MpmcRing;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two producers never claim the same slot: both records arrive, once each.
 */
@JCStressTest
@Description("two concurrent offers into an empty ring, then both records drained")
@Outcome(id = {"1, 2", "2, 1"}, expect = ACCEPTABLE, desc = "both records, in either order")
@Outcome(expect = FORBIDDEN, desc = "a record lost, duplicated or torn")
@State
public class MpmcRingProducersTest
{
    private final MpmcRing ring = Rings.newRing();

    @Actor
    public void first()
    {
        ring.offer(1, Rings.message(1), 0, 8);
    }

    @Actor
    public void second()
    {
        ring.offer(1, Rings.message(2), 0, 8);
    }

    @Arbiter
    public void drain(final JJ_Result result)
    {
        final long[] values = {-1, -1, -1};
        for (int i = 0; i < 3; i++)
        {
            final int slot = i;
            ring.poll((type, buffer, index, length) -> values[slot] = buffer.getLong(index));
        }
        result.r1 = values[0];
        result.r2 = -1 == values[2] ? values[1] : -9;
    }
}
