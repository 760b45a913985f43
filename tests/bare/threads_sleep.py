"""The bare Python threads program: N threading.Threads that each
time.sleep(S), started then joined. Prints one JSON line:
tasks and wall seconds.
Run: python3 threads_sleep.py N S (meant for up to 10,000 threads)."""
import json
import sys
import threading
import time

if __name__ == "__main__":
    n, seconds = int(sys.argv[1]), float(sys.argv[2])
    start = time.perf_counter()
    threads = [threading.Thread(target=time.sleep, args=(seconds,))
               for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"program": "python-threads", "tasks": n,
                      "wall": round(time.perf_counter() - start, 3)}))
