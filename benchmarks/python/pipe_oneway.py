"""pipe-oneway: a child sends N 64-byte messages through a one-way Pipe with send_bytes; the parent receives.

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


def trial(messages):
    reader, writer = mp.Pipe(duplex=False)
    barrier = mp.Barrier(2)
    other = mp.Process(target=send, args=(writer, barrier, messages))
    other.start()
    barrier.wait()
    for _ in range(messages):
        reader.recv_bytes()
    barrier.wait()
    start = time.perf_counter()
    for _ in range(messages):
        reader.recv_bytes()
    elapsed = time.perf_counter() - start
    other.join(120)
    return messages / elapsed


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--messages', type=int, default=200_000)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        print('trial %.1f' % trial(args.messages), flush=True)
