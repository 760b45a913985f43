// A large run's tasks, counted per time bucket (the feed's "tally" events, TaskTallies.cs): how many
// started, ended ok, failed or were cancelled in each bucket of one strategy repetition, and what
// follows from them (totals, tasks in flight, the busiest moment). No DOM; tested under Node.

export class TallyModel {
    constructor() {
        this.reset(0);
    }

    /** Starts over for a new strategy repetition. */
    reset(repetition) {
        this.repetition = repetition;
        this.width = 0.05;          // seconds per bucket (the first tally says)
        this.buckets = [];          // index -> [started, ok, failed, cancelled]
        this.started = 0;
        this.ok = 0;
        this.failed = 0;
        this.cancelled = 0;
        this.firstStart = null;     // the start of the first bucket in which a task started
        this.version = 0;           // bumped on every change: derived figures are recomputed
        this.cache = null;
    }

    /** Adds one tally event (a delta; events of another repetition are ignored). */
    add(e) {
        if (e.repetition !== this.repetition || !(e.task >= 0) || !Array.isArray(e.tally)) return;
        const [width, started, ok, failed, cancelled] = e.tally;
        if (width > 0) this.width = width;
        let bucket = this.buckets[e.task];
        if (!bucket) {
            bucket = this.buckets[e.task] = [0, 0, 0, 0];
        }
        bucket[0] += started;
        bucket[1] += ok;
        bucket[2] += failed;
        bucket[3] += cancelled;
        this.started += started;
        this.ok += ok;
        this.failed += failed;
        this.cancelled += cancelled;
        if (started > 0) {
            const t = e.task * this.width;
            if (this.firstStart === null || t < this.firstStart) this.firstStart = t;
        }
        this.version++;
    }

    get ended() {
        return this.ok + this.failed + this.cancelled;
    }

    /** Seconds the buckets cover: to the end of the last one. */
    extent() {
        return this.buckets.length * this.width;
    }

    /** Tasks in flight at the end of each bucket (started so far minus ended so far), and the most of them. */
    flight() {
        if (this.cache?.version === this.version) return this.cache;
        const n = this.buckets.length;
        const inFlight = new Float64Array(n);
        let now = 0;
        let peak = 0;
        for (let b = 0; b < n; b++) {
            const bucket = this.buckets[b];
            if (bucket) now += bucket[0] - bucket[1] - bucket[2] - bucket[3];
            inFlight[b] = Math.max(0, now);
            if (now > peak) peak = now;
        }
        let busiest = 0;
        for (const bucket of this.buckets) {
            if (bucket) busiest = Math.max(busiest, bucket[0], bucket[1] + bucket[2] + bucket[3]);
        }
        this.cache = { version: this.version, inFlight, peak, busiest };
        return this.cache;
    }

    /** Tasks in flight per pixel column of secondsPerColumn seconds from 0: the value of the bucket the column's middle falls in. */
    inFlightColumns(secondsPerColumn, columns) {
        const out = new Float64Array(Math.max(0, columns));
        const { inFlight } = this.flight();
        if (!(secondsPerColumn > 0) || inFlight.length === 0) return out;
        for (let c = 0; c < columns; c++) {
            const b = Math.floor(((c + 0.5) * secondsPerColumn) / this.width);
            if (b >= inFlight.length) break;
            out[c] = inFlight[b];
        }
        return out;
    }

    /** The tasks that started in [from, to) seconds, as far as whole buckets tell (for picking a window). */
    startedBetween(from, to) {
        let n = 0;
        const first = Math.max(0, Math.floor(from / this.width));
        const last = Math.min(this.buckets.length - 1, Math.ceil(to / this.width) - 1);
        for (let b = first; b <= last; b++) n += this.buckets[b]?.[0] ?? 0;
        return n;
    }
}
