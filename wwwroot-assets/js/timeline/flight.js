// Tasks in flight over time, for the race overview: how many of a repetition's tasks ran at once.
// Pure functions over the model's bars (open bars end at nowT); tested under Node.

import { STATUS_RUNNING } from './model.js';

function endOf(bar, nowT) {
    return bar.status === STATUS_RUNNING ? Math.max(nowT, bar.start) : bar.end;
}

/**
 * The average number of tasks in flight in each of `columns` columns of `secondsPerColumn`
 * seconds from 0: each bar adds the share of every column it covers, so back-to-back tasks
 * (sequential) read exactly 1, never a spike at each hand-over. O(bars + columns).
 */
export function inFlightColumns(bars, nowT, secondsPerColumn, columns) {
    const out = new Float64Array(columns);
    if (!(secondsPerColumn > 0) || columns <= 0) return out;
    const diff = new Float64Array(columns + 1);
    for (const bar of bars) {
        const a = Math.max(0, bar.start / secondsPerColumn);
        const b = Math.min(columns, endOf(bar, nowT) / secondsPerColumn);
        if (!(b > a)) continue;
        const ca = Math.floor(a);
        const cb = Math.floor(b);
        if (ca === cb) {
            out[Math.min(ca, columns - 1)] += b - a;
            continue;
        }
        out[ca] += ca + 1 - a;                 // the part of the first column it covers
        if (cb < columns) out[cb] += b - cb;   // and of the last
        diff[ca + 1] += 1;                     // whole columns in between
        diff[cb] -= 1;
    }
    let run = 0;
    for (let c = 0; c < columns; c++) {
        run += diff[c];
        out[c] += run;
    }
    return out;
}

/**
 * The most tasks that ran at the same moment (a task ending exactly when another starts does not
 * overlap it). Starts and ends are sorted apart as numbers (typed arrays, native sort) and merged:
 * the race asks again after every batch, and a pair of arrays per moment made 20,000 objects to
 * sort with a comparator for a 10,000-task run.
 */
export function peakInFlight(bars, nowT) {
    const n = bars.length;
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        starts[i] = bars[i].start;
        ends[i] = endOf(bars[i], nowT);
    }
    starts.sort();
    ends.sort();
    let now = 0;
    let peak = 0;
    let e = 0;
    for (let s = 0; s < n; s++) {
        // Ends before starts at the same instant.
        while (e < n && ends[e] <= starts[s]) {
            now--;
            e++;
        }
        now++;
        if (now > peak) peak = now;
    }
    return peak;
}

/** Row height for n tasks in flight when the busiest row peaks at max: a log scale, so 1 and 1,000 both show. */
export function flightHeight(n, max, height) {
    if (!(n > 0) || !(max > 0)) return 0;
    return Math.min(height, height * Math.log2(1 + n) / Math.log2(1 + max));
}
