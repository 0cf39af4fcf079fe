package org.example.mp4jtest;

import java.io.Serializable;

/**
 * A class outside every default allow-list prefix, for the codec tests.
 *
 * @param value anything.
 */
public record Foreign(int value) implements Serializable
{
}
