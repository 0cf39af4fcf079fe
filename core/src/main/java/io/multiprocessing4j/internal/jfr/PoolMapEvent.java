package io.multiprocessing4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One pool job (a map, starmap or apply) from submission to its last result or its failure.
 */
@Name("io.multiprocessing4j.PoolMap")
@Label("Pool Map")
@Category({"multiprocessing4j", "Pool"})
@Description("A pool job from submission to completion: its tasks, how many completed, and why it failed")
@StackTrace(false)
public final class PoolMapEvent extends Event
{
    @Label("Tasks")
    public long tasks;

    @Label("Completed")
    public long completed;

    @Label("Failure")
    public String failure;
}
