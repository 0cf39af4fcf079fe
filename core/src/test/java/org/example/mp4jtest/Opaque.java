package org.example.mp4jtest;

import java.io.Serializable;

/**
 * A class outside every default allow-list prefix that is not a plain record (its component is an {@code Object}),
 * so it always travels through the codec and its allow-list.
 *
 * @param value anything.
 */
public record Opaque(Object value) implements Serializable
{
}
