// Hand-made wire events for the timeline's model tests (the shapes decodeRows produces).

export const started = (taskCount, repetition = 0, time = 0) =>
    ({ type: 'strategy-started', strategy: 's', repetition, task: -1, time, taskCount });

export const task = (index, kind, time, lane = '100:1', extra = {}) =>
    ({ type: 'task', strategy: 's', repetition: 0, task: index, kind, time, lane, ...extra });

export const completed = (wallSeconds, extra = {}) =>
    ({ type: 'strategy-completed', strategy: 's', repetition: 0, task: -1, time: wallSeconds, wallSeconds, outcome: 'ok', ...extra });

/** A clock the test moves by hand (ms). */
export function manualClock(start = 1_000_000) {
    const clock = { ms: start };
    clock.now = () => clock.ms;
    return clock;
}
