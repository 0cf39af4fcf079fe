package io.multiprocessing4j.jcstress;

import io.multiprocessing4j.shm.ring.MpmcRing;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A consumer that sees a record published sees all of it: the producer's release of the first slot's
 * sequence orders its payload and header writes before it.
 */
@JCStressTest
@Description("offer vs poll of a 56-byte record spanning two slots: nothing, or the whole record")
@Outcome(id = "-1", expect = ACCEPTABLE, desc = "polled before the record was published")
@Outcome(id = "42", expect = ACCEPTABLE, desc = "polled the whole record")
@Outcome(expect = FORBIDDEN, desc = "a torn or stale record")
@State
public class MpmcRingPublicationTest
{
    private final MpmcRing ring = Rings.newRing();

    @Actor
    public void producer()
    {
        ring.offer(1, Rings.message(42), 0, 56);
    }

    @Actor
    public void consumer(final J_Result result)
    {
        final long[] seen = {-1};
        ring.poll((type, buffer, index, length) ->
        {
            long value = buffer.getLong(index);
            for (int i = Long.BYTES; i < length; i += Long.BYTES)
            {
                if (buffer.getLong(index + i) != value)
                {
                    value = -2;
                }
            }
            seen[0] = 56 == length ? value : -3;
        });
        result.r1 = seen[0];
    }
}
