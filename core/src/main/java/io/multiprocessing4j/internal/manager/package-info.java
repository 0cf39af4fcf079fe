/**
 * The manager's wire protocol (frames, requests, responses, handshake), its server and client, and the server's
 * objects. Not API.
 */
package io.multiprocessing4j.internal.manager;
