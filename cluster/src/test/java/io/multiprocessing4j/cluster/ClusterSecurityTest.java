package io.multiprocessing4j.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.multiprocessing4j.cluster.internal.ClusterKey;
import io.multiprocessing4j.cluster.internal.Envelopes;
import io.multiprocessing4j.cluster.internal.HazelcastConfigs;
import io.multiprocessing4j.cluster.internal.MemberCall;
import io.multiprocessing4j.codec.ClassAllowList;
import io.multiprocessing4j.codec.Codec;
import io.multiprocessing4j.function.PoolFunction;
import io.multiprocessing4j.internal.pool.FunctionTable;
import io.multiprocessing4j.internal.pool.PoolJob;
import io.multiprocessing4j.internal.pool.PoolTask;
import io.multiprocessing4j.internal.pool.TaskRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a process on the network can do to a member without the key, through Hazelcast itself: a task whose code
 * does not verify is refused before anything of it is decoded, Java-serialized code is not deserialized at all, and
 * a member with another key does not join. (A driver with another key cannot connect: {@link ClusterPoolTest}.)
 */
class ClusterSecurityTest
{
    private static LocalCluster cluster;
    private static HazelcastInstance raw;
    private static IExecutorService executor;
    private static Member member;

    @BeforeAll
    static void startCluster()
    {
        cluster = LocalCluster.start("security-test", 1);
        // A plain Hazelcast client that knows the cluster's Hazelcast name: as an eavesdropper on the network would.
        raw = HazelcastClient.newHazelcastClient(HazelcastConfigs.client(cluster.config(0)));
        executor = raw.getExecutorService(HazelcastConfigs.EXECUTOR);
        member = raw.getCluster().getMembers().iterator().next();
    }

    @AfterAll
    static void stopCluster()
    {
        if (null != raw)
        {
            raw.shutdown();
        }
        if (null != cluster)
        {
            cluster.close();
        }
    }

    @Test
    void aTamperedTaskIsRefusedBeforeItIsDecoded(@TempDir final Path dir) throws Exception
    {
        final String marker = dir.resolve("ran").toString();
        final byte[] sealed = sealedTask(x ->
        {
            Files.createFile(Path.of(marker));
            return x;
        });
        final byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1; // the argument, not the function
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> executor.submitToMember(MemberCall.chunk(tampered), member).get(60, TimeUnit.SECONDS));
        assertTrue(String.valueOf(refused.getCause().getMessage()).contains("does not verify"),
            String.valueOf(refused.getCause()));
        assertFalse(Files.exists(Path.of(marker)), "the tampered task's function ran");

        final byte[] otherKey = cluster.key();
        otherKey[3] ^= 1;
        final byte[] forged = sealedTask(new ClusterKey(otherKey), x -> x);
        assertThrows(ExecutionException.class,
            () -> executor.submitToMember(MemberCall.chunk(forged), member).get(60, TimeUnit.SECONDS));

        // The same task, untampered, runs: the test above could have failed.
        assertNotNull(executor.submitToMember(MemberCall.chunk(sealed), member).get(60, TimeUnit.SECONDS));
        assertTrue(Files.exists(Path.of(marker)), "the sealed task did not run");
    }

    @Test
    void aMemberWithAnotherKeyDoesNotJoin() throws Exception
    {
        final byte[] wrong = cluster.key();
        wrong[5] ^= 1;
        final int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        // It looks for the cluster's member, is refused (its Hazelcast cluster name differs), and forms its own.
        try (ClusterMember outsider = ClusterMember.start(ClusterConfig.builder().name(cluster.name()).key(wrong)
            .members(cluster.addresses()).build(), port))
        {
            assertEquals(1, outsider.clusterSize());
            assertEquals(1, raw.getCluster().getMembers().size(), "the outsider joined");
        }
    }

    @Test
    void javaSerializedCodeIsNotDeserializedOnAMember()
    {
        final Callable<String> gadget = (Callable<String> & Serializable)() -> "ran";
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> executor.submitToMember(gadget, member).get(60, TimeUnit.SECONDS));
        assertTrue(String.valueOf(refused.getCause()).contains("not allowed"), String.valueOf(refused.getCause()));
    }

    private static byte[] sealedTask(final PoolFunction<Integer, Integer> function)
    {
        return sealedTask(new ClusterKey(cluster.key()), function);
    }

    private static byte[] sealedTask(final ClusterKey key, final PoolFunction<Integer, Integer> function)
    {
        final FunctionTable functions = new FunctionTable();
        final int id = functions.idOf(function);
        final PoolJob job = new PoolJob((done, timeout) -> true, 1, true, null, null, ignored -> { });
        final PoolTask task = TaskRecords.chunks(job, id, functions.record(id), List.of(5), 1,
            Codec.fory(ClassAllowList.defaults())).get(0);
        task.number(1);
        return Envelopes.task(key, UUID.randomUUID(), functions.record(id), task.record());
    }
}
