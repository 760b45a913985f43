// One strategy repetition's data, folded from wire events: lanes ("pid:tid", or "node:tid" for the
// cluster), one bar per task packed into its lane's sub-rows, the threads each task ran on, the
// strategy's state and wall time, and its counter samples. No DOM: the renderer, the interaction,
// the table and the race overview read it; Node's test runner tests it (tests/timeline-js).

import { autoDomain } from './scale.js';
import { placeBar, closeBar } from './packing.js';

export const STATUS_RUNNING = 0;
export const STATUS_OK = 1;
export const STATUS_FAILED = 2;
export const STATUS_CANCELLED = 3;
export const STATUS_NAMES = ['running', 'ok', 'failed', 'cancelled'];
const KIND_STATUS = { completed: STATUS_OK, failed: STATUS_FAILED, cancelled: STATUS_CANCELLED };

/** Counter samples kept per repetition (Engine CounterSample.MaxPerRepetition: the strip's head counts as many). */
export const MAX_COUNTER_SAMPLES = 20_000;

export class TimelineModel {
    /** options.mainPid: the app's process (its lanes read "main:tid"); options.now: a clock in ms (tests pass their own). */
    constructor(options = {}) {
        this.mainPid = options.mainPid ?? null;
        this.now = options.now ?? (() => Date.now());
        this.started = false;
        this.skipped = null;
        this.version = 0;              // bumped by every change: a draw of the same version, size and scale repeats the last
        this.reset(0, 0);
    }

    /** Starts over for a new strategy repetition. */
    reset(repetition, taskCount) {
        this.repetition = repetition;
        this.taskCount = taskCount;
        this.lanes = new Map();        // "pid:tid" -> lane
        this.laneOrder = [];           // main process first, then node, pid, tid
        this.shape = 0;                // bumped when a lane or sub-row is added: the layout is stale
        this.bars = [];                // every bar, in start order
        this.byTask = new Map();       // task index -> bar
        this.lastTime = 0;
        this.lastArrival = this.now();
        this.running = false;
        this.finished = false;
        this.wallSeconds = null;
        this.outcome = null;
        this.hopped = 0;               // tasks seen on more than one thread
        this.samples = [];             // counter samples of this repetition, in arrival order
        this.done = 0;                 // tasks that ended ok or failed
        this.closed = 0;               // bars that ended (any status)
        this.firstStart = null;        // the earliest task start: where the start-up phase ends
    }

    /** Folds one wire event in (events of another repetition than the current one are ignored). */
    ingest(e) {
        this.version++;
        switch (e.type) {
            case 'strategy-started':
                this.reset(e.repetition, e.taskCount ?? 0);
                this.started = true;
                this.skipped = null;
                this.running = true;
                this.lastTime = e.time || 0;
                this.lastArrival = this.now();
                return;
            case 'task':
                if (e.repetition !== this.repetition) return;
                this.taskEvent(e);
                break;
            case 'strategy-completed':
                if (e.repetition !== this.repetition) return;
                this.completed(e);
                break;
            case 'counters':
                if (e.repetition === this.repetition && this.samples.length < MAX_COUNTER_SAMPLES && Array.isArray(e.counters)) {
                    this.samples.push({ t: e.time, process: e.process, values: e.counters });
                }
                return;
            default:
                return;
        }
        if (e.time > this.lastTime) this.lastTime = e.time;
        this.lastArrival = this.now();
    }

    taskEvent(e) {
        // Kinds are lower case on the wire ("started", "completed", ...); accept any case.
        const kind = (e.kind || '').toLowerCase();
        if (kind === 'queued') return;
        let bar = this.byTask.get(e.task);
        if (!bar) {
            // A task cancelled before it started never ran: it gets no bar.
            if (kind === 'cancelled') return;
            bar = { task: e.task, lane: null, sub: 0, start: e.time, end: NaN, status: STATUS_RUNNING, detail: null, index: this.bars.length };
            if (this.firstStart === null || e.time < this.firstStart) this.firstStart = e.time;
            this.byTask.set(e.task, bar);
            this.bars.push(bar);
            if (placeBar(this.laneFor(e.lane, e.node), bar)) this.shape++;
        } else {
            this.noteThread(bar, tidOf(e.lane));
        }
        if (e.detail) bar.detail = e.detail;
        const status = KIND_STATUS[kind];
        if (status !== undefined && bar.status === STATUS_RUNNING) this.close(bar, e.time, status);
    }

    /** The task was seen on thread tid: a change from its last one is a hop. */
    noteThread(bar, tid) {
        if (!(tid >= 0)) return;
        const threads = bar.threads;
        const last = threads ? threads[threads.length - 1] : bar.lane.tid;
        if (tid === last) return;
        if (threads) {
            threads.push(tid);
        } else {
            bar.threads = [bar.lane.tid, tid];
            this.hopped++;
        }
    }

    completed(e) {
        // The engine's record of every thread each task ran on, in order (tasks that stayed on one
        // thread are not listed): it supersedes what the start and end events showed.
        if (Array.isArray(e.threads)) {
            for (const row of e.threads) {
                const bar = this.byTask.get(row[0]);
                if (!bar || row.length < 3) continue;
                if (!bar.threads) this.hopped++;
                bar.threads = row.slice(1);
            }
        }
        // Where each task's time went, measured where it ran: the rest of its bar was waiting.
        if (Array.isArray(e.splits)) {
            for (const [task, cpu, ready, transfer] of e.splits) {
                const bar = this.byTask.get(task);
                if (!bar) continue;
                bar.cpu = cpu;
                bar.ready = ready;
                bar.transfer = transfer ?? null;
            }
        }
        this.running = false;
        this.finished = true;
        this.wallSeconds = e.wallSeconds ?? this.lastTime;
        this.outcome = e.outcome ?? null;
        // Tasks still open when their strategy ended were cut short.
        for (const bar of this.bars) {
            if (bar.status === STATUS_RUNNING) this.close(bar, Math.max(bar.start, this.wallSeconds), STATUS_CANCELLED);
        }
    }

    /** The run ended (runState: "cancelled", "failed", ...) without this repetition completing. */
    stop(runState) {
        this.version++;
        if (!this.started) {
            // The run ended before this strategy's turn came.
            this.skipped = runState || 'ended';
            return;
        }
        if (!this.running) return;
        const end = this.extent();
        this.running = false;
        this.lastTime = end;
        for (const bar of this.bars) {
            if (bar.status === STATUS_RUNNING) this.close(bar, Math.max(bar.start, end), STATUS_CANCELLED);
        }
    }

    close(bar, end, status) {
        closeBar(bar, end, status);
        this.closed++;
        if (status === STATUS_OK || status === STATUS_FAILED) this.done++;
    }

    laneFor(key, node) {
        key = key || '?';
        let lane = this.lanes.get(key);
        if (lane) return lane;
        const colon = key.indexOf(':');
        const pid = colon > 0 ? Number(key.slice(0, colon)) : NaN;
        const tid = colon > 0 ? Number(key.slice(colon + 1)) : NaN;
        const isMain = this.mainPid !== null && pid === this.mainPid;
        lane = {
            key, pid, tid, isMain,
            node: node || null,
            label: node ? `${node}:${tid}` : isMain ? `main:${tid}` : this.mainPid !== null ? `worker ${key}` : key,
            subrows: [],
            free: [],
            y: 0, h: 0, pad: 0, pitch: 0, barH: 0,
        };
        this.lanes.set(key, lane);
        this.laneOrder.push(lane);
        this.laneOrder.sort(compareLanes);
        this.shape++;
        return lane;
    }

    /** Sub-rows over all lanes: the rows lanes by thread draws. */
    subrowCount() {
        let n = 0;
        for (const lane of this.laneOrder) n += lane.subrows.length;
        return n;
    }

    /** Seconds covered so far (extrapolated to "now" while running, so running bars grow). */
    extent() {
        let t = this.lastTime;
        if (this.running) t = Math.max(t, this.lastTime + (this.now() - this.lastArrival) / 1000);
        if (this.wallSeconds !== null) t = Math.max(t, this.wallSeconds);
        return t;
    }

    /** Where open bars end when drawn: "now" while running, the last event once stopped. */
    nowTime() {
        return this.running ? this.extent() : this.lastTime;
    }

    /** The x axis' right end on its own scale (fixed = the shared scale, or null). */
    domainMax(fixed) {
        return fixed ?? autoDomain(this.extent(), this.running);
    }

    /**
     * The start-up phase, from the repetition's start to its first task's start, as measured (the
     * events' times): { end, open }. open: no task has started yet and the repetition runs, so the
     * phase lasts until now. Null before the repetition starts or when it ended without a task.
     */
    startup() {
        if (!this.started) return null;
        if (this.firstStart !== null) return { end: Math.max(0, this.firstStart), open: false };
        return this.running ? { end: this.nowTime(), open: true } : null;
    }

    /** "waiting", "skipped", "running" or "done": what browser tests and the race overview read. */
    state() {
        return !this.started ? (this.skipped ? 'skipped' : 'waiting') : this.running ? 'running' : 'done';
    }
}

/** Main process first, then by node, pid and thread id. */
export function compareLanes(a, b) {
    if (a.isMain !== b.isMain) return a.isMain ? -1 : 1;
    if (a.node !== b.node) return (a.node || '').localeCompare(b.node || '', 'en', { numeric: true });
    if (a.pid !== b.pid) return (a.pid || 0) - (b.pid || 0);
    return (a.tid || 0) - (b.tid || 0);
}

/** The thread id of a lane key "pid:tid" (or "node:tid"); NaN when there is none. */
export function tidOf(key) {
    if (!key) return NaN;
    const colon = key.lastIndexOf(':');
    return colon > 0 ? Number(key.slice(colon + 1)) : NaN;
}
