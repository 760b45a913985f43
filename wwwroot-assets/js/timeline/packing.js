// First-fit packing of a lane's bars into sub-rows: a bar goes to the lowest sub-row whose last bar
// ended before it starts, so overlapping tasks of one thread (async) stack and back-to-back tasks
// (sequential) share one row. Freed sub-rows wait in a binary min-heap, lowest index first.

import { EPS } from './scale.js';

/** Pushes value into the min-heap. */
export function heapPush(heap, value) {
    heap.push(value);
    let i = heap.length - 1;
    while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heap[parent] <= value) break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = value;
}

/** Removes and returns the smallest value of the min-heap. */
export function heapPop(heap) {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
        let i = 0;
        const n = heap.length;
        for (;;) {
            const l = 2 * i + 1;
            if (l >= n) break;
            const r = l + 1;
            const c = r < n && heap[r] < heap[l] ? r : l;
            if (heap[c] >= last) break;
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = last;
    }
    return top;
}

/** Places a started bar in its lane (lane.subrows, lane.free); true when a new sub-row was opened. */
export function placeBar(lane, bar) {
    bar.lane = lane;
    let index = -1;
    if (lane.free.length > 0 && lane.subrows[lane.free[0]].maxEnd <= bar.start + EPS) {
        index = heapPop(lane.free);
    }
    const opened = index < 0;
    if (opened) {
        index = lane.subrows.length;
        lane.subrows.push({ bars: [], maxEnd: 0, busy: false });
    }
    const sub = lane.subrows[index];
    sub.busy = true;
    sub.bars.push(bar);
    bar.sub = index;
    return opened;
}

/** Ends a bar at end with status: its sub-row becomes free for bars that start after end. */
export function closeBar(bar, end, status) {
    bar.end = Math.max(end, bar.start);
    bar.status = status;
    const sub = bar.lane.subrows[bar.sub];
    sub.busy = false;
    if (bar.end > sub.maxEnd) sub.maxEnd = bar.end;
    heapPush(bar.lane.free, bar.sub);
}
