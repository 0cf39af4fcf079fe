package io.multiprocessing4j.samples;

import io.multiprocessing4j.shm.test.ChildJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each sample runs in its own JVM, as a user runs it, and prints what its seed prints.
 */
class SamplesTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void seed004ValueAndArray() throws Exception
    {
        assertEquals(List.of(
            "Result(in process p1): [1, 4, 9, 16]",
            "Sum of squares(in process p1): 30",
            "Result(in main program): [1, 4, 9, 16]",
            "Sum of squares(in main program): 30"), run("value-array"));
    }

    @Test
    void seed000ParentAndChildIds() throws Exception
    {
        final List<String> lines = run("process-ids", "0");
        assertEquals(10, lines.size(), lines::toString);
        final String parentPid = lines.get(0).substring("In parent process, id ".length());
        // The child starts printing as soon as it starts, so its lines interleave with the parent's next two.
        final List<String> parent = lines.stream().filter(line -> !isChildLine(line)).collect(Collectors.toList());
        final List<String> child = lines.stream().filter(SamplesTest::isChildLine).collect(Collectors.toList());
        assertEquals(List.of(
            "In parent process, id " + parentPid,
            "In parent process, after child process start",
            "parent process about to join child process",
            "In parent process, after child process join",
            "parent process exiting with id " + parentPid,
            "the parent's parent process: " + ProcessHandle.current().pid()), parent);
        assertTrue(child.get(0).startsWith("Starting child process with id: "));
        assertNotEquals(parentPid, child.get(0).substring("Starting child process with id: ".length()));
        assertEquals(List.of("Parent process: " + parentPid, "Task start: just sleeps 0 seconds ...", "Task done"),
            child.subList(1, 4));
        assertTrue(lines.indexOf("Task done") < lines.indexOf("In parent process, after child process join"),
            "join waited for the child");
    }

    private static boolean isChildLine(final String line)
    {
        return line.startsWith("Starting child") || line.startsWith("Parent process:") || line.startsWith("Task ");
    }

    @Test
    void seed001CountdownInTwoProcesses() throws Exception
    {
        final List<String> lines = run("countdown", "0.02");
        assertEquals(16, lines.size(), lines::toString);
        assertEquals("Both processes completed!", lines.get(15));
        assertEquals(2, lines.stream().filter("5 seconds remaining"::equals).count());
        assertEquals(1, lines.stream().filter("10 seconds remaining"::equals).count());
    }

    @Test
    void seed001CurrentProcessName() throws Exception
    {
        final List<String> lines = run("current-process");
        assertEquals(4, lines.size(), lines::toString);
        for (int x = 0; x < 4; x++)
        {
            final String value = ", Value: " + x;
            assertTrue(lines.stream().anyMatch(line -> line.matches("Process Name: Process-\\d+, Process ID: \\d+" +
                value)),
                lines::toString);
        }
    }

    @Test
    void seed002InfoAndHelloBob() throws Exception
    {
        final List<String> lines = run("info-bob");
        assertEquals(9, lines.size(), lines::toString);
        assertEquals("main line", lines.get(0));
        assertTrue(lines.get(1).endsWith("(MainProcess)"));
        final String mainPid = lines.get(3).substring("process id: ".length());
        assertEquals("function f", lines.get(4));
        assertEquals("module name: io.multiprocessing4j.samples.seed002.InfoAndHelloBob (Process-1)", lines.get(5));
        assertEquals("parent process: " + mainPid, lines.get(6));
        assertEquals("hello bob", lines.get(8));
    }

    @Test
    void seed003CalculateEInAProcessSubclass() throws Exception
    {
        // The event is set a second after start() returns: run() must have begun by then, as a lambda's does.
        final List<String> lines = run("calculate-e", "1");
        assertEquals(1, lines.size(), lines::toString);
        assertEquals(2.718281828, Double.parseDouble(lines.get(0)), 1e-6);
    }

    @Test
    void seed001PrintWithLock() throws Exception
    {
        final List<String> lines = run("print-with-lock");
        assertEquals(10, lines.size(), lines::toString);
        for (int i = 0; i < 10; i++)
        {
            assertTrue(lines.contains("Process " + i), lines::toString);
        }
    }

    @Test
    void seed001AddValueUnderALock() throws Exception
    {
        assertEquals(List.of("Shared value: 10"), run("add-value"));
    }

    @Test
    void seed001ThreeWorkersDrainAQueue() throws Exception
    {
        final List<String> lines = run("queue-workers");
        assertEquals(11, lines.size(), lines::toString);
        for (int i = 0; i < 10; i++)
        {
            assertTrue(lines.contains("Processing " + i), lines::toString);
        }
        assertEquals("All processes complete", lines.get(10));
    }

    @Test
    void seed001ProcessesPutResultsInAQueue() throws Exception
    {
        final List<String> lines = run("processed-data");
        assertEquals(List.of(2, 4, 6, 8, 10), lines.stream()
            .map(line -> Integer.parseInt(line.substring("Processed data: ".length()))).sorted().toList());
    }

    @Test
    void seed001PoolExamples() throws Exception
    {
        assertEquals(List.of("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"), run("pool-map"));
        assertEquals(List.of("16"), run("pool-apply"));
        assertEquals(List.of("16"), run("pool-apply-async"));
        assertEquals(List.of("[2, 12, 30]"), run("pool-starmap"));
        assertEquals(List.of("[1, 4, 9, 16, 25]", "[1, 4, 9, 16, 25]"), run("pool-map-async"));
        assertEquals(List.of("1", "4", "9", "16"), run("pool-imap"));
        assertEquals(List.of("An exception occurred: task 10 failed"), run("pool-error-callback"));
    }

    @Test
    void seed001PoolWorkersPrintTheirPidsAndAnExecutorsResultsComeAsCompleted() throws Exception
    {
        final List<String> lines = run("pool-worker-pids");
        assertEquals(5, lines.size(), lines::toString);
        assertEquals("Results: [0, 1, 4, 9]", lines.get(4));
        assertTrue(lines.subList(0, 4).stream().allMatch(line ->
            line.matches("Process ID \\d+ is working on value [0-3]")));
        final List<String> completed = run("executor-as-completed");
        assertEquals(List.of("Result: 0", "Result: 1", "Result: 16", "Result: 4", "Result: 9"),
            completed.stream().sorted().toList());
    }

    @Test
    void seed001PoolWorkersAreReplacedAfterMaxTasksPerChild() throws Exception
    {
        final List<String> lines = run("pool-maxtasksperchild");
        assertEquals(20, lines.size(), lines::toString);
        for (int i = 0; i < 20; i++)
        {
            final int x = i;
            assertTrue(lines.stream().anyMatch(line -> line.matches(x + " squared is " + x * x +
                " in PoolWorker-\\d+")),
                lines::toString);
        }
        assertTrue(lines.stream().map(line -> line.substring(line.indexOf("PoolWorker-"))).distinct().count() >= 2);
    }

    @Test
    void seed001PoolWorkersKnowTheirNamesInitializeOnceAndTimeOut() throws Exception
    {
        final List<String> named = run("pool-current-process");
        assertEquals(10, named.size(), named::toString);
        for (final String task : List.of("A", "B", "C", "D", "E"))
        {
            assertTrue(named.stream().anyMatch(line -> line.matches("Task " + task +
                " is being executed by PoolWorker-\\d+")),
                named::toString);
        }
        assertEquals(List.of("Finished task A", "Finished task B", "Finished task C", "Finished task D",
            "Finished task E"), named.subList(5, 10));
        final List<String> queries = run("pool-initializer");
        assertEquals(4, queries.size(), queries::toString);
        assertTrue(queries.stream().allMatch(line -> line.matches(
            "query [0-3] over your_database_connection_string \\(opened by PoolWorker-[12]\\)")), queries::toString);
        assertEquals(List.of("A task took too long to complete."), run("pool-timeout"));
        assertEquals(List.of("[0, 2, 4, 6, 8, 10, 12, 14, 16, 18]"), run("thread-pool"));
    }

    @Test
    void seed000ApplyAsyncThenCloseAndJoin() throws Exception
    {
        assertEquals(List.of("100", "closed and joined: true"), run("apply-async-close-join"));
    }

    @Test
    void seed004ManagerRecordsAddedByOneProcessArePrintedByAnother() throws Exception
    {
        assertEquals(List.of("New record added!", "", "Name: Sam", "Score: 10", "", "Name: Adam", "Score: 9", "",
            "Name: Kevin", "Score: 9", "", "Name: Jeff", "Score: 8", ""), run("manager-records"));
    }

    @Test
    void seed003AManagerEventStopsAPoolTask() throws Exception
    {
        // The seed's task returns 0.0 if the event is set before a worker has started it, as Python's does:
        // give the worker JVMs the seed's 3 s to start on a loaded machine.
        final List<String> lines = run("sync-manager-event", "3");
        assertEquals(1, lines.size(), lines::toString);
        assertEquals(Math.E, Double.parseDouble(lines.get(0)), 1e-12);
    }

    @Test
    void aRemoteManagerServesAJvmThatKnowsTheKeyAndRefusesOneThatDoesNot() throws Exception
    {
        final List<String> lines = run("remote-manager");
        assertTrue(lines.get(0).matches("manager listening on (localhost|127\\.0\\.0\\.1):\\d+"), lines::toString);
        assertEquals(List.of("producer put 3 jobs", "got job 1", "got job 2", "got job 3",
            "a client with the wrong key was refused"), lines.subList(1, lines.size()));
    }

    @Test
    void seed004SquareListThroughAQueue() throws Exception
    {
        assertEquals(List.of("Queue elements:", "1", "4", "9", "16", "Queue is now empty!"), run("square-list-queue"));
    }

    @Test
    void seed004SenderAndReceiverThroughAPipe() throws Exception
    {
        final List<String> lines = run("sender-receiver-pipe");
        assertEquals(7, lines.size(), lines::toString);
        assertEquals(List.of("Sent the message: hello", "Sent the message: hey", "Sent the message: hru?",
            "Sent the message: END"), lines.stream().filter(line -> line.startsWith("Sent")).toList());
        assertEquals(List.of("Received the message: hello", "Received the message: hey",
            "Received the message: hru?"), lines.stream().filter(line -> line.startsWith("Received")).toList());
    }

    @Test
    void clusterMapSurvivesAKilledMember() throws Exception
    {
        final List<String> lines = run(Duration.ofSeconds(300), "cluster-map", "24");
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("3 members proved the key: pids ["), lines::toString);
        final String killed = lines.get(1).replaceAll("killed member pid (\\d+) .*", "$1");
        assertTrue(lines.get(0).contains(killed), lines::toString);
        // pi(960,000) = 75,618
        assertEquals("the map completed on the members left: 75618 primes below 960000, as counted here",
            lines.get(2));
    }

    private static List<String> run(final String... sample) throws Exception
    {
        return run(TIMEOUT, sample);
    }

    private static List<String> run(final Duration timeout, final String... sample) throws Exception
    {
        try (ChildJvm jvm = ChildJvm.start(Samples.class, sample))
        {
            assertEquals(0, jvm.awaitExit(timeout), jvm::stderr);
            return jvm.remainingStdout();
        }
    }
}
