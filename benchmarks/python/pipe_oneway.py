"""pipe-oneway: a child sends N 64-byte messages through a one-way Pipe with send_bytes; the parent receives
them with recv_bytes, or with --into into one reused buffer with recv_bytes_into.

Prints one 'trial <msgs/s>' line per trial, timing the second of two rounds of N. Standard library only.
"""
import argparse
import multiprocessing as mp
import time


def send(conn, barrier, count):
    message = bytes(64)
    for _ in range(2):
        barrier.wait()
        for _ in range(count):
            conn.send_bytes(message)


def trial(messages, into):
    reader, writer = mp.Pipe(duplex=False)
    barrier = mp.Barrier(2)
    other = mp.Process(target=send, args=(writer, barrier, messages))
    other.start()
    buffer = bytearray(64)
    receive = (lambda: reader.recv_bytes_into(buffer)) if into else reader.recv_bytes
    barrier.wait()
    for _ in range(messages):
        receive()
    barrier.wait()
    start = time.perf_counter()
    for _ in range(messages):
        receive()
    elapsed = time.perf_counter() - start
    other.join(120)
    return messages / elapsed


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--messages', type=int, default=200_000)
    parser.add_argument('--trials', type=int, default=3)
    parser.add_argument('--into', action='store_true')
    args = parser.parse_args()
    for _ in range(args.trials):
        print('trial %.1f' % trial(args.messages, args.into), flush=True)
