package io.multiprocessing4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A pool worker ended and another took its place (or none could, when the pool is closing).
 */
@Name("io.multiprocessing4j.PoolWorkerReplaced")
@Label("Pool Worker Replaced")
@Category({"multiprocessing4j", "Pool"})
@Description("A pool worker died, timed out or retired; its tasks went back to the queue or failed")
@StackTrace(false)
public final class PoolWorkerReplacedEvent extends Event
{
    @Label("Worker")
    public String worker;

    @Label("Worker Pid")
    public long pid;

    @Label("Exit Code")
    public int exitCode;

    @Label("Retired")
    @Description("It ended normally after its maxTasksPerChild")
    public boolean retired;

    @Label("Tasks Requeued")
    public int requeued;

    @Label("Tasks Failed")
    public int failed;

    @Label("Replacement Pid")
    @Description("0 if no worker was started in its place")
    public long replacementPid;
}
