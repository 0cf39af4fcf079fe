package io.multiprocessing4j.tools;

import io.multiprocessing4j.Pool;
import io.multiprocessing4j.cluster.ClusterConfig;
import io.multiprocessing4j.cluster.ClusterPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mp cluster member} starts a real member JVM with the application's class path, which a driver's pool then
 * uses; a class path without the cluster module is refused with the fix.
 */
class ClusterCommandTest
{
    @Test
    void aMemberStartedByMpRunsAPoolsChunks(@TempDir final Path dir) throws Exception
    {
        final byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        final Path keyFile = Files.write(dir.resolve("cluster.key"), key);
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final ClusterCommand.Member member = CommandLine.populateCommand(new ClusterCommand.Member(),
            "--cluster", "mp-test", "--key-file", keyFile.toString(), "--port", "" + port, "--threads", "1",
            "-cp", System.getProperty("java.class.path"));
        final Process process = member.start();
        try (Pool pool = ClusterPool.connect(ClusterConfig.builder().name("mp-test").keyFile(keyFile)
            .members("127.0.0.1:" + port).connectTimeout(Duration.ofSeconds(90)).build()))
        {
            assertEquals(List.of(2, 4, 6), pool.map(x -> 2 * x, List.of(1, 2, 3)));
            assertEquals(List.of(process.pid()), pool.workerPids());
        }
        finally
        {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClassPathWithoutTheClusterModuleIsRefusedWithTheFix(@TempDir final Path dir)
    {
        final StringWriter err = new StringWriter();
        final int status = Mp.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
            "cluster", "member", "--cluster", "x", "--key-file", "cluster.key", "-cp", dir.toString());
        assertEquals(1, status);
        assertTrue(err.toString().contains("has no io.multiprocessing4j.cluster.ClusterMember: put the " +
            "application's jars on it, with multiprocessing4j-cluster and Hazelcast"), err.toString());
    }
}
