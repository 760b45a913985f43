// The packed rows TimelinePayload.cs writes, decoded into wire events.

const ROW_TYPES = ['strategy-started', 'task', 'strategy-completed', 'counters', 'tally'];
const ROW_KINDS = ['queued', 'started', 'progress', 'completed', 'failed', 'cancelled'];

/**
 * Rows [type, strategy, repetition, task, kind, time, wallMs, lane, detail, ...] to events. At 9:
 * a task row's node, a strategy row's task count, a counters row's process; at 10: a strategy-completed
 * row's wall seconds, a counters row's values [cpu, user, system, threads, poolQueue, bytesPerTask or null]; at 11 the
 * outcome, at 12 the threads of the tasks that changed thread ([[task, thread, thread, ...], ...]), at 13
 * where each measured task's time went ([[task, cpu, ready, transfer or null], ...], seconds). A tally
 * row (type 4: a large run's tasks counted in one time bucket, task = the bucket's index) has
 * [width, started, ok, failed, cancelled] at 9..13, decoded as tally.
 */
export function decodeRows(rows) {
    const events = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        const type = r[0];
        events[i] = {
            type: ROW_TYPES[type],
            strategy: r[1],
            repetition: r[2],
            task: r[3],
            kind: ROW_KINDS[r[4]] ?? null,
            time: r[5],
            wallMs: r[6],
            lane: r[7],
            detail: r[8],
            node: type === 1 ? r[9] ?? null : null,
            taskCount: type === 0 || type === 2 ? r[9] ?? null : null,
            process: type === 3 ? r[9] ?? null : null,
            counters: type === 3 ? r[10] ?? null : null,
            wallSeconds: type === 3 || type === 4 ? null : r[10] ?? null,
            outcome: type === 4 ? null : r[11] ?? null,
            threads: type === 2 ? r[12] ?? null : null,
            splits: type === 2 ? r[13] ?? null : null,
            tally: type === 4 ? r.slice(9, 14) : null,
        };
    }
    return events;
}
