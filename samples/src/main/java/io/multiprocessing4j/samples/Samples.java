package io.multiprocessing4j.samples;

import io.multiprocessing4j.samples.seed000.ApplyAsyncCloseJoin;
import io.multiprocessing4j.samples.seed000.ParentAndChildIds;
import io.multiprocessing4j.samples.seed001.AddValue;
import io.multiprocessing4j.samples.seed001.Countdown;
import io.multiprocessing4j.samples.seed001.CurrentProcessName;
import io.multiprocessing4j.samples.seed001.ExecutorAsCompleted;
import io.multiprocessing4j.samples.seed001.PoolExamples;
import io.multiprocessing4j.samples.seed001.PrintWithLock;
import io.multiprocessing4j.samples.seed001.ProcessedData;
import io.multiprocessing4j.samples.seed001.QueueWorkers;
import io.multiprocessing4j.samples.seed002.InfoAndHelloBob;
import io.multiprocessing4j.samples.seed003.CalculateE;
import io.multiprocessing4j.samples.seed003.SyncManagerEvent;
import io.multiprocessing4j.samples.seed004.ManagerRecords;
import io.multiprocessing4j.samples.seed004.SenderReceiverPipe;
import io.multiprocessing4j.samples.seed004.SharedValueAndArray;
import io.multiprocessing4j.samples.seed004.SquareListQueue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one sample by name: {@code java -jar mp4j-samples.jar NAME}. Without a name, lists them.
 */
public final class Samples
{
    /**
     * A sample's entry point.
     */
    @FunctionalInterface
    interface Sample
    {
        void run(String[] args) throws Exception;
    }

    static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

    static
    {
        SAMPLES.put("value-array", SharedValueAndArray::main);
        SAMPLES.put("process-ids", ParentAndChildIds::main);
        SAMPLES.put("countdown", Countdown::main);
        SAMPLES.put("current-process", CurrentProcessName::main);
        SAMPLES.put("info-bob", InfoAndHelloBob::main);
        SAMPLES.put("calculate-e", CalculateE::main);
        SAMPLES.put("print-with-lock", PrintWithLock::main);
        SAMPLES.put("add-value", AddValue::main);
        SAMPLES.put("queue-workers", QueueWorkers::main);
        SAMPLES.put("pool-map", PoolExamples::map);
        SAMPLES.put("pool-apply", PoolExamples::apply);
        SAMPLES.put("pool-apply-async", PoolExamples::applyAsync);
        SAMPLES.put("pool-starmap", PoolExamples::starmap);
        SAMPLES.put("pool-map-async", PoolExamples::mapAsync);
        SAMPLES.put("pool-imap", PoolExamples::imap);
        SAMPLES.put("pool-maxtasksperchild", PoolExamples::maxTasksPerChild);
        SAMPLES.put("pool-error-callback", PoolExamples::errorCallback);
        SAMPLES.put("pool-worker-pids", PoolExamples::workerPids);
        SAMPLES.put("pool-current-process", PoolExamples::currentProcessName);
        SAMPLES.put("pool-initializer", PoolExamples::initializer);
        SAMPLES.put("pool-timeout", PoolExamples::timeout);
        SAMPLES.put("thread-pool", PoolExamples::threadPool);
        SAMPLES.put("apply-async-close-join", ApplyAsyncCloseJoin::main);
        SAMPLES.put("executor-as-completed", ExecutorAsCompleted::main);
        SAMPLES.put("processed-data", ProcessedData::main);
        SAMPLES.put("square-list-queue", SquareListQueue::main);
        SAMPLES.put("sender-receiver-pipe", SenderReceiverPipe::main);
        SAMPLES.put("manager-records", ManagerRecords::main);
        SAMPLES.put("sync-manager-event", SyncManagerEvent::main);
        SAMPLES.put("remote-manager", RemoteManager::main);
        SAMPLES.put("cluster-map", ClusterMap::main);
    }

    private Samples()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Sample sample = 0 == args.length ? null : SAMPLES.get(args[0]);
        if (null == sample)
        {
            System.err.println("usage: java -jar mp4j-samples.jar SAMPLE [ARGS...]; samples: " + SAMPLES.keySet());
            System.exit(0 == args.length ? 0 : 2);
            return;
        }
        sample.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
