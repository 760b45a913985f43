// Concurrency Dashboard — the live task timelines of a run and its race overview.
//
// The entry point Blazor imports (RunTimeline.razor.cs). One timeline per strategy repetition, on a
// canvas: x = seconds since the repetition started; one row per lane ("pid:tid"), grouped by
// process (or lab node), or one row per task (setLaneMode); one bar per task, coloured by state.
// Events arrive in batches (addRows/addEvents); a batch only updates the models and asks for ONE
// redraw on the next animation frame, so thousands of events per second cost one draw per frame.
//
// The modules under timeline/ have one job each: model.js (the data folded from events),
// packing.js and layout.js (sub-rows, lanes, the x scale, hit tests), scale.js (ticks and
// domains), renderer.js (the canvas), counter-strip.js (the counter plot under a canvas, which it
// owns, size included), interaction.js (mouse, keyboard, announcements), table.js (the span table),
// flight.js and race.js (the race overview), wire.js (the packed rows), tally.js and density.js (a
// large run's tasks counted per time bucket, and their drawing in place of the bars).
//
// A large run (Runs:AggregateAbove) sends no task events: its "tally" events count tasks per
// bucket. Its timelines draw the counts (density.js) and the race draws in flight from them; a
// window of its tasks read from the store (showWindow) is drawn with the detailed timeline on the
// same canvas until clearWindow.
//
// Public API:
//   createRunView(root, { mainPid, sameScale, raceId })  -> RunView  (one per run, many strategies)
//   new Timeline(canvas, { mainPid })                    -> Timeline (one canvas, usable on its own)

import { readColours } from './timeline/renderer.js';
import { RaceOverview, sharedDomain } from './timeline/race.js';
import { decodeRows } from './timeline/wire.js';
import { schedule, dirty } from './timeline/frame.js';
import { Timeline } from './timeline/strategy-timeline.js';

export { decodeRows, Timeline };

// ---------------------------------------------------------------------------------------------

/**
 * All the strategies of one run, and its race overview. Canvases are found inside root by
 * data-strategy (race rows inside the element with id raceId by data-race); events for a strategy
 * whose canvas is not rendered yet are kept and drawn once it appears (refresh()).
 */
export class RunView {
    constructor(root, options = {}) {
        this.root = root;
        this.mainPid = options.mainPid ?? null;
        this.sameScale = !!options.sameScale;
        this.timelines = new Map();
        this.race = options.raceId ? new RaceOverview(document.getElementById(options.raceId)) : null;
        this.themeKey = themeKey(root);
        this.draws = 0;            // frames drawn: tests check that a batch costs one frame
        this.resizeObserver = new ResizeObserver(() => schedule(this));
        this.resizeObserver.observe(root);
        if (this.race?.root) this.resizeObserver.observe(this.race.root);
        // A counter strip's plot host or a race row that Blazor just rendered is drawn before the
        // browser paints it.
        this.mutationObserver = new MutationObserver((records) => {
            if (records.some(isNewHost)) this.refresh();
        });
        this.mutationObserver.observe(root, { subtree: true, childList: true });
        if (this.race?.root) this.mutationObserver.observe(this.race.root, { subtree: true, childList: true });
        // While a strategy runs its open bars grow with the clock even between batches; the same
        // tick notices a theme switch (MudBlazor swaps its CSS variables) and redraws.
        this.ticker = setInterval(() => this.tick(), 250);
        this.refresh();
    }

    timeline(strategy) {
        let timeline = this.timelines.get(strategy);
        if (!timeline) {
            timeline = new Timeline(null, { mainPid: this.mainPid, owner: this });
            this.timelines.set(strategy, timeline);
        }
        return timeline;
    }

    /** Binds canvases rendered since the last call (Blazor calls this after it renders). */
    refresh() {
        for (const canvas of this.root.querySelectorAll('canvas[data-strategy]')) {
            this.timeline(canvas.getAttribute('data-strategy')).bind(canvas);
        }
        this.race?.refresh();
        schedule(this);
    }

    /** Appends one batch of wire events; one redraw follows on the next frame. */
    addEvents(events) {
        const metrics = window.__timelineMetrics;
        if (metrics) {
            const now = Date.now();
            metrics.batches++;
            metrics.events += events.length;
            for (const e of events) {
                if (e.type === 'task') metrics.latencies.push(now - e.wallMs);
            }
        }
        for (const e of events) this.timeline(e.strategy).ingest(e);
        schedule(this);
    }

    /**
     * The run ended and the page's results go first (TimelineFeed.cs holds the end's rows): until
     * they come, the clock no longer redraws open bars (ten pages' redraws of 10,000 bars every
     * 250 ms kept the browsers and the server's cores busy just when the results were due).
     */
    hold() {
        this.held = true;
    }

    /** Appends one packed batch (a JSON string of rows written by TimelinePayload.cs). */
    addRows(json) {
        this.held = false;
        const metrics = window.__timelineMetrics;
        const t0 = metrics ? performance.now() : 0;
        this.addEvents(decodeRows(JSON.parse(json)));
        if (metrics) metrics.maxIngestMs = Math.max(metrics.maxIngestMs || 0, performance.now() - t0);
    }

    /** Draws a window of a strategy's tasks (a packed JSON string of rows, times from the window's start) in place of its counts. */
    showWindow(strategy, json) {
        this.timeline(strategy).showWindow(decodeRows(JSON.parse(json)));
        schedule(this);
    }

    /** Back to a strategy's counts. */
    clearWindow(strategy) {
        this.timelines.get(strategy)?.clearWindow();
        schedule(this);
    }

    /** Shows or hides the span tables (the page's "Table" switch); the hosts are in the markup. */
    setTables(on) {
        this.tables = !!on;
        for (const t of this.timelines.values()) t.table?.invalidate();
        schedule(this);
    }

    /** A strategy's lanes: 'thread' (one row per thread) or 'task' (one row per task, thread changes marked). */
    setLaneMode(strategy, mode) {
        this.timeline(strategy).setLaneMode(mode);
        schedule(this);
    }

    setSameScale(on) {
        this.sameScale = !!on;
        if (!this.sameScale) {
            for (const t of this.timelines.values()) t.fixedDomain = null;
        }
        schedule(this);
    }

    /** Where a task's bar of a strategy was last drawn (CSS pixels of its canvas), or null. */
    barRect(strategy, task) {
        return this.timelines.get(strategy)?.barRect(task) ?? null;
    }

    /** The run ended (state: "completed", "cancelled", "failed", ...): nothing runs any more. */
    finish(state) {
        this.held = false;
        for (const t of this.timelines.values()) t.stop(state);
        schedule(this);
    }

    tick() {
        const key = themeKey(this.root);
        let redraw = key !== this.themeKey;
        this.themeKey = key;
        if (!this.held) for (const t of this.timelines.values()) redraw ||= t.running;
        if (redraw) schedule(this);
    }

    /**
     * The theme's colours under element, read once per theme (tick() notices a switch): reading CSS
     * variables on every draw made the browser recompute styles each frame after Blazor's updates.
     */
    colours(element) {
        this.colourCache ??= new Map();
        const cached = this.colourCache.get(element);
        if (cached && cached.key === this.themeKey) return cached.colours;
        const colours = readColours(element);
        this.colourCache.set(element, { key: this.themeKey, colours });
        return colours;
    }

    render() {
        if (!this.root.isConnected) return false;
        // The race follows the live repetitions (and a large run's counts), never a window shown below.
        const models = new Map([...this.timelines].map(([strategy, t]) => [strategy, t.base]));
        const tallies = new Map([...this.timelines].filter(([, t]) => t.tally).map(([strategy, t]) => [strategy, t.tally]));
        // One shared domain: the race overview always uses it, the timelines on the same time scale.
        const shared = sharedDomain(models.values());
        if (this.sameScale) {
            for (const t of this.timelines.values()) t.fixedDomain = shared;
        }
        const metrics = window.__timelineMetrics;
        const t0 = metrics ? performance.now() : 0;
        const colours = this.colours(this.root);
        let drew = false;
        for (const t of this.timelines.values()) drew = t.render(colours) !== false || drew;
        if (this.race) {
            const names = new Map([...this.timelines].map(([strategy, t]) => [strategy, t.canvas?.getAttribute('data-name') || strategy]));
            drew = this.race.render(models, names, this.race.root ? this.colours(this.race.root) : colours, shared, tallies) || drew;
        }
        this.draws++;
        if (metrics) {
            const ms = performance.now() - t0;
            metrics.maxDrawMs = Math.max(metrics.maxDrawMs || 0, ms);
            metrics.draws = (metrics.draws || 0) + (drew ? 1 : 0);
            metrics.skipped = (metrics.skipped || 0) + (drew ? 0 : 1);
            metrics.drawMs = (metrics.drawMs || 0) + ms;
        }
        // False: nothing changed since the last draw, so this frame paints no canvas (frame.js).
        return drew;
    }

    dispose() {
        clearInterval(this.ticker);
        this.resizeObserver.disconnect();
        this.mutationObserver.disconnect();
        for (const t of this.timelines.values()) t.dispose();
        this.timelines.clear();
        dirty.delete(this);
    }
}

function isNewHost(record) {
    for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches('.counter-strip-plot, canvas[data-race], canvas[data-race-axis], canvas[data-strategy]')
            || node.querySelector('.counter-strip-plot, canvas[data-race], canvas[data-race-axis]')) return true;
    }
    return false;
}

/** What a theme switch or the large-text mode changes: a redraw follows when it differs. */
function themeKey(root) {
    const style = getComputedStyle(root);
    return `${style.getPropertyValue('--tl-text-strong')}|${style.getPropertyValue('--tl-font-size')}`;
}

export function createRunView(root, options) {
    return new RunView(root, options);
}
