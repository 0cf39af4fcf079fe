package io.multiprocessing4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * This process took a shared lock over from a holder that had died holding it.
 */
@Name("io.multiprocessing4j.LockOwnerDied")
@Label("Lock Owner Died")
@Category({"multiprocessing4j", "Synchronization"})
@Description("A shared lock was taken over from a process that died holding it; what it guarded may be inconsistent")
public final class LockOwnerDiedEvent extends Event
{
    @Label("Lock")
    public String lock;

    @Label("Label")
    public String label;

    @Label("File")
    public String file;
}
