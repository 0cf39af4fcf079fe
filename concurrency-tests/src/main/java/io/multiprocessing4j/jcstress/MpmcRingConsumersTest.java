package io.multiprocessing4j.jcstress;

import io.multiprocessing4j.shm.ring.MpmcRing;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two consumers never take the same record, and a published record is not missed by both.
 */
@JCStressTest
@Description("two concurrent polls of a ring holding one record")
@Outcome(id = {"7, -1", "-1, 7"}, expect = ACCEPTABLE, desc = "exactly one consumer took it")
@Outcome(expect = FORBIDDEN, desc = "taken twice or by neither")
@State
public class MpmcRingConsumersTest
{
    private final MpmcRing ring = Rings.newRing();

    public MpmcRingConsumersTest()
    {
        ring.offer(1, Rings.message(7), 0, 8);
    }

    @Actor
    public void first(final JJ_Result result)
    {
        result.r1 = take();
    }

    @Actor
    public void second(final JJ_Result result)
    {
        result.r2 = take();
    }

    private long take()
    {
        final long[] value = {-1};
        ring.poll((type, buffer, index, length) -> value[0] = buffer.getLong(index));
        return value[0];
    }
}
