package io.multiprocessing4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A child process ended, as its parent learnt it; the event's duration is the process's life.
 */
@Name("io.multiprocessing4j.ProcessExit")
@Label("Process Exit")
@Category({"multiprocessing4j", "Processes"})
@Description("A child process ended: its exit code as JvmProcess.exitCode() gives it (128 + the signal when "
    + "killed) and its exception, if any")
@StackTrace(false)
public final class ProcessExitEvent extends Event
{
    @Label("Name")
    public String name;

    @Label("Pid")
    public long pid;

    @Label("Exit Code")
    public int exitCode;

    @Label("Exception")
    public String exception;
}
