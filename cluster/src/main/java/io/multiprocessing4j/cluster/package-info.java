/**
 * The same {@code Pool} on a Hazelcast cluster, when one host is not enough: {@link
 * io.multiprocessing4j.cluster.ClusterPool#connect} returns a pool whose chunks run on {@link
 * io.multiprocessing4j.cluster.ClusterMember}s, configured by a {@link io.multiprocessing4j.cluster.ClusterConfig}
 * (the cluster's name, its shared key, the members' addresses). The only package of this library that depends on
 * Hazelcast.
 */
package io.multiprocessing4j.cluster;
