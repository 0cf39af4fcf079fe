package io.multiprocessing4j.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import org.agrona.concurrent.UnsafeBuffer;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.CHALLENGE_LENGTH;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.CHALLENGE_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.MEMBER_UUID_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.PID_OFFSET;
import static io.multiprocessing4j.cluster.internal.ClusterRecordDescriptor.WORKERS_OFFSET;

/**
 * Which members may run a cluster pool's chunks: those that prove they hold the key, answering a challenge of fresh
 * random bytes with an HMAC under it that names their own UUID. Members are challenged when the pool connects, as
 * they join, and, every {@link #READMIT_NANOS}, while their connection to this driver is down but the cluster still
 * counts them. Thread-safe: a challenge waits for its answers on a thread of its own (on the caller's at connect).
 */
final class MemberAdmissions
{
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long after losing its connection a member still in the cluster is challenged again. */
    private static final long READMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final ClusterKey key;
    private final Duration timeout;
    private final ChunkDispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final Runnable assign;

    /**
     * @param timeout   how long a member has to answer.
     * @param scheduler where a challenge again is scheduled.
     * @param assign    hands waiting chunks to members, after some were admitted.
     */
    MemberAdmissions(final HazelcastInstance client, final IExecutorService executor, final ClusterKey key,
        final Duration timeout, final ChunkDispatcher dispatcher, final ScheduledExecutorService scheduler,
        final Runnable assign)
    {
        this.client = client;
        this.executor = executor;
        this.key = key;
        this.timeout = timeout;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.assign = assign;
    }

    /**
     * Challenges the cluster's members on the calling thread.
     */
    void admitAll()
    {
        admit(new ArrayList<>(client.getCluster().getMembers()), true);
    }

    /**
     * Challenges a member that joined the cluster.
     */
    void joined(final Member member)
    {
        prove(() -> admit(List.of(member), true));
    }

    /**
     * Runs a key challenge on a thread of its own: it waits for the members' answers.
     */
    private void prove(final Runnable challenge)
    {
        final Thread prover = new Thread(() ->
        {
            try
            {
                challenge.run();
            }
            catch (final RuntimeException ex)
            {
                if (client.getLifecycleService().isRunning()) // else the pool closed while it asked
                {
                    System.getLogger(MemberAdmissions.class.getName()).log(System.Logger.Level.WARNING,
                        "a key challenge failed; the members it asked get no tasks", ex);
                }
            }
        }, "mp4j-cluster-prove");
        prover.setDaemon(true);
        prover.start();
    }

    /**
     * Challenges each member to prove it holds the key, and lets those that do run chunks.
     *
     * @param warn whether a member that does not answer is logged.
     * @return whether every candidate answered, with a proof or not.
     */
    private boolean admit(final List<Member> candidates, final boolean warn)
    {
        boolean answered = true;
        final List<byte[]> challenges = new ArrayList<>();
        final List<Future<byte[]>> proofs = new ArrayList<>();
        for (final Member member : candidates)
        {
            final byte[] challenge = new byte[CHALLENGE_LENGTH];
            RANDOM.nextBytes(challenge);
            challenges.add(challenge);
            proofs.add(executor.submitToMember(MemberCall.proof(challenge), member));
        }
        for (int i = 0; i < candidates.size(); i++)
        {
            final Member member = candidates.get(i);
            try
            {
                final byte[] proof = proofs.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (proves(proof, challenges.get(i), member))
                {
                    final UnsafeBuffer buffer = new UnsafeBuffer(proof);
                    dispatcher.addMember(new MemberSlot(member, buffer.getLong(PID_OFFSET),
                        buffer.getInt(WORKERS_OFFSET)));
                }
                else
                {
                    System.getLogger(MemberAdmissions.class.getName()).log(System.Logger.Level.WARNING,
                        "member " + member + " did not prove that it holds the cluster's key; it gets no tasks");
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
            catch (final ExecutionException | TimeoutException | RuntimeException ex)
            {
                answered = false;
                if (warn)
                {
                    System.getLogger(MemberAdmissions.class.getName()).log(System.Logger.Level.WARNING,
                        "member " + member + " did not answer the key challenge; it gets no tasks", ex);
                }
            }
        }
        assign.run();
        return answered;
    }

    /**
     * Challenges again, every {@link #READMIT_NANOS}, a member whose connection to this driver dropped (its chunks
     * given up) while the cluster still counts it, until it answers or leaves; one that leaves and returns is
     * {@link #joined}. Else a connection that dropped for a moment would lose the member for good.
     */
    void disconnected(final Member member)
    {
        try
        {
            scheduler.schedule(() -> prove(() -> readmit(member)), READMIT_NANOS, TimeUnit.NANOSECONDS);
        }
        catch (final RejectedExecutionException ex)
        {
            // the pool is shut down
        }
    }

    private void readmit(final Member member)
    {
        final boolean counted = client.getLifecycleService().isRunning() && client.getCluster().getMembers()
            .stream().anyMatch(current -> current.getUuid().equals(member.getUuid()));
        if (counted && !admit(List.of(member), false))
        {
            disconnected(member);
        }
    }

    private boolean proves(final byte[] proof, final byte[] challenge, final Member member)
    {
        if (!key.verify(ClusterKey.PROOF, proof) || proof.length < MEMBER_UUID_OFFSET + Integer.BYTES)
        {
            return false;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(proof);
        for (int i = 0; i < CHALLENGE_LENGTH; i++)
        {
            if (buffer.getByte(CHALLENGE_OFFSET + i) != challenge[i])
            {
                return false;
            }
        }
        return member.getUuid().toString().equals(buffer.getStringUtf8(MEMBER_UUID_OFFSET));
    }
}
