package io.multiprocessing4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A child process started; the event's duration is the time {@code start()} took.
 */
@Name("io.multiprocessing4j.ProcessStart")
@Label("Process Start")
@Category({"multiprocessing4j", "Processes"})
@Description("A child process (a JVM, or a thread with the thread start method) was started")
public final class ProcessStartEvent extends Event
{
    @Label("Name")
    public String name;

    @Label("Pid")
    public long pid;

    @Label("Start Method")
    public String startMethod;
}
