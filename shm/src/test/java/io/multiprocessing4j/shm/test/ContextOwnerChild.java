package io.multiprocessing4j.shm.test;

import io.multiprocessing4j.shm.ShmContext;
import io.multiprocessing4j.shm.value.SharedLong;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * A child JVM's main: creates a context holding one {@code SharedLong} of 7, prints the context's directory, and
 * closes it when a line (or end of input) arrives.
 */
public final class ContextOwnerChild
{
    private ContextOwnerChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (ShmContext context = ShmContext.create();
             SharedLong ignored = SharedLong.create(context, 7))
        {
            System.out.println(context.directory());
            new BufferedReader(new InputStreamReader(System.in)).readLine();
        }
    }
}
