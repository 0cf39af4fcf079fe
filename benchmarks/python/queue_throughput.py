"""queue-1p1c / queue-2p1c: producer processes put N items in one multiprocessing.Queue, the parent gets them.

Prints one 'trial <msgs/s>' line per trial: N over the time from releasing the producers to the last get,
after an untimed round of the same N (the Java side's JIT warm-up; Python gains nothing from it).
--payload int puts Python ints; bytes64 and bytes1k put bytes objects of 64 and 1024 bytes.
Standard library only.
"""
import argparse
import multiprocessing as mp
import time


def produce(queue, barrier, payload, count):
    item = 7 if payload == 'int' else bytes(64 if payload == 'bytes64' else 1024)
    for _ in range(2):
        barrier.wait()
        for i in range(count):
            queue.put(i if payload == 'int' else item)


def trial(payload, messages, producers):
    queue = mp.Queue()
    barrier = mp.Barrier(producers + 1)
    per_producer = messages // producers
    workers = [mp.Process(target=produce, args=(queue, barrier, payload, per_producer)) for _ in range(producers)]
    for w in workers:
        w.start()
    barrier.wait()
    for _ in range(per_producer * producers):
        queue.get()
    barrier.wait()
    start = time.perf_counter()
    for _ in range(per_producer * producers):
        queue.get()
    elapsed = time.perf_counter() - start
    for w in workers:
        w.join(120)
    return per_producer * producers / elapsed


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--payload', choices=['int', 'bytes64', 'bytes1k'], default='int')
    parser.add_argument('--messages', type=int, default=200_000)
    parser.add_argument('--producers', type=int, default=1)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        print('trial %.1f' % trial(args.payload, args.messages, args.producers), flush=True)
