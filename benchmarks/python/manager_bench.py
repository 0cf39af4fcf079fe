"""manager-dict-set-get / manager-list-append with multiprocessing.Manager(), from a child process.

--mode dict: operations per second of d[i % 100] = i then d[i % 100] (one operation each).
--mode append: operations per second of lst.append(i).
Each is timed over at least a second and N operations after as long untimed (as the Java side warms its JIT), in a child process; prints one 'trial <figure>' line per
trial. Standard library only.
"""
import argparse
import multiprocessing as mp
import time


def set_get(d, n, out):
    warm_until = time.perf_counter() + 1.0
    i = 0
    while i < n or time.perf_counter() < warm_until:
        d[i % 100] = i
        d[i % 100]
        i += 2
    start = time.perf_counter()
    done = 0
    while done < n or time.perf_counter() - start < 1.0:
        d[done % 100] = done
        d[done % 100]
        done += 2
    out.value = done / (time.perf_counter() - start)


def append(lst, n, out):
    warm_until = time.perf_counter() + 1.0
    i = 0
    while i < n or time.perf_counter() < warm_until:
        lst.append(i)
        i += 1
    del lst[:]
    start = time.perf_counter()
    done = 0
    while done < n or time.perf_counter() - start < 1.0:
        lst.append(done)
        done += 1
    out.value = done / (time.perf_counter() - start)


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--mode', choices=['dict', 'append'], default='dict')
    parser.add_argument('--n', type=int, default=20000)
    parser.add_argument('--trials', type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.trials):
        with mp.Manager() as manager:
            rate = mp.Value('d', 0.0)
            target = manager.dict() if args.mode == 'dict' else manager.list()
            child = mp.Process(target=set_get if args.mode == 'dict' else append, args=(target, args.n, rate))
            child.start()
            child.join()
            print('trial %.3f' % rate.value, flush=True)
