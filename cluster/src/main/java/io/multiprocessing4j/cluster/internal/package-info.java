/**
 * Not API. The cluster pool's engine on the driver ({@code ClusterEngine}, deciding with {@code ChunkDispatcher}
 * which member holds which chunk, and with {@code MemberAdmissions} which members may hold any), the member's side
 * ({@code MemberRuntime}, reached through {@code MemberCall}), the sealed arrays between them
 * ({@code ClusterRecordDescriptor}, {@code Envelopes}, {@code ClusterKey}) and the Hazelcast configurations
 * ({@code HazelcastConfigs}).
 */
package io.multiprocessing4j.cluster.internal;
