// The race overview: one row per strategy on one shared time axis, each from its own start (a race:
// same start, who finishes first), showing how many tasks were in flight over time, a finish line
// at its wall time, and a "now" line while it runs. RaceOverview.razor renders the rows (name,
// phase, progress figures) with an empty canvas each; this module draws the canvases.

import { autoDomain, axisTicks, formatTick, secondsText } from './scale.js';
import { prepareCanvas, setAttr } from './renderer.js';
import { inFlightColumns, peakInFlight, flightHeight } from './flight.js';
import { startupSegment, startupText, drawStartup, publishStartup } from './phases.js';

const ROW_H = 26;
const AXIS_H = 18;
const PAD_RIGHT = 48;   // room for the finish line's label at the right end (RaceOverview.razor.css: .race-progress)
const FONT_FAMILY = 'Roboto, Helvetica, Arial, sans-serif';

/** The shared axis' right end for these models: the longest strategy so far. */
export function sharedDomain(models) {
    let extent = 0;
    let running = false;
    for (const model of models) {
        extent = Math.max(extent, model.extent());
        running ||= model.running;
    }
    return autoDomain(extent, running);
}

export class RaceOverview {
    constructor(root) {
        this.root = root;
        this.tracks = new Map();   // strategy -> { canvas, ctx, peakKey, peak }
        this.axis = null;
        this.domain = 1;
    }

    /** Binds the canvases Blazor rendered since the last call. */
    refresh() {
        if (!this.root?.isConnected) return;
        for (const canvas of this.root.querySelectorAll('canvas[data-race]')) {
            const strategy = canvas.getAttribute('data-race');
            const track = this.tracks.get(strategy);
            if (track?.canvas === canvas) continue;
            this.tracks.set(strategy, { canvas, ctx: canvas.getContext('2d'), peakKey: null, peak: 0 });
        }
        const axis = this.root.querySelector('canvas[data-race-axis]');
        if (axis && this.axis?.canvas !== axis) this.axis = { canvas: axis, ctx: axis.getContext('2d') };
    }

    /**
     * Draws every row and the axis; models: strategy -> TimelineModel; names: strategy -> display
     * name; tallies: strategy -> TallyModel for a large run's strategies (in flight from the counts).
     */
    render(models, names, colours, domain, tallies = new Map()) {
        if (!this.root?.isConnected) return false;
        this.domain = domain;
        let maxPeak = 1;
        for (const [strategy, track] of this.tracks) {
            const model = models.get(strategy);
            if (!model) continue;
            const tally = tallies.get(strategy) ?? null;
            track.tally = tally;
            const key = tally ? `t${tally.repetition}:${tally.version}` : `${model.repetition}:${model.bars.length}:${model.closed}:${model.running}`;
            if (track.peakKey !== key) {
                track.peakKey = key;
                track.peak = tally ? tally.flight().peak : peakInFlight(model.bars, model.nowTime());
            }
            maxPeak = Math.max(maxPeak, track.peak);
        }
        let drew = false;
        for (const [strategy, track] of this.tracks) {
            if (!track.canvas.isConnected) continue;
            const model = models.get(strategy);
            const name = names.get(strategy) || strategy;
            // A row that would repeat its last draw (same data, axis, scale and theme) is left as it is.
            const drawing = [model, model?.version, model?.running ? model.nowTime() : -1, track.peakKey, name, colours, domain, maxPeak,
                track.canvas.clientWidth, window.devicePixelRatio];
            if (track.drawing && same(track.drawing, drawing)) continue;
            track.drawing = drawing;
            this.drawRow(track, model, name, colours, domain, maxPeak);
            drew = true;
        }
        if (this.axis?.canvas.isConnected) {
            const drawing = [colours, domain, this.axis.canvas.clientWidth, window.devicePixelRatio];
            if (!this.axis.drawing || !same(this.axis.drawing, drawing)) {
                this.axis.drawing = drawing;
                this.drawAxis(this.axis, colours, domain);
                drew = true;
            }
        }
        this.root.setAttribute('data-domain', domain.toFixed(4));
        return drew;
    }

    drawRow(track, model, name, colours, domain, maxPeak) {
        const canvas = track.canvas;
        const width = Math.max(60, canvas.clientWidth || 300);
        const ctx = prepareCanvas(canvas, track.ctx, width, ROW_H);
        const plotW = width - PAD_RIGHT;
        const xs = plotW / domain;
        ctx.font = `${colours.fontSize} ${FONT_FAMILY}`;
        ctx.textBaseline = 'middle';

        // The track: a band from 0 to the axis' end, grid lines at the axis' ticks.
        ctx.fillStyle = colours.band;
        ctx.fillRect(0, 2, plotW, ROW_H - 4);
        ctx.fillStyle = colours.grid;
        for (const v of axisTicks(domain, plotW).values) ctx.fillRect(Math.round(v * xs), 2, 1, ROW_H - 4);

        const state = model ? model.state() : 'waiting';
        setAttr(canvas, 'data-state', state);
        if (!model || !model.started) {
            publishStartup(canvas, null);
            setAttr(canvas, 'data-peak', 0);
            setAttr(canvas, 'data-finish', '');
            setAttr(canvas, 'aria-label', `${name}: ${model?.skipped ? 'did not run' : 'waiting to start'}`);
            return;
        }

        // Tasks in flight: the average per pixel column, on a log height shared by every row.
        const nowT = model.nowTime();
        const columns = Math.max(1, Math.ceil(Math.min(plotW, model.extent() * xs)));
        const flight = track.tally
            ? track.tally.inFlightColumns(1 / xs, columns)
            : inFlightColumns(model.bars, nowT, 1 / xs, columns);
        const h = ROW_H - 6;
        // A strategy the run cut short did not finish: grey, and its end is a stop, not a finish line.
        const stopped = !model.running && (!model.finished || model.outcome === 'cancelled');
        ctx.fillStyle = model.running ? colours.status[0] : stopped ? colours.status[3] : colours.status[1];
        ctx.beginPath();
        ctx.moveTo(0, ROW_H - 3);
        for (let c = 0; c < columns; c++) {
            const y = ROW_H - 3 - flightHeight(flight[c], maxPeak, h);
            ctx.lineTo(c, y);
            ctx.lineTo(c + 1, y);
        }
        ctx.lineTo(columns, ROW_H - 3);
        ctx.closePath();
        ctx.fill();

        // The start-up phase before the first task (worker, interpreter or node start), as measured.
        const startup = startupSegment(model, canvas.getAttribute('data-startup'));
        if (startup) drawStartup(ctx, colours, startup, 0, 2, Math.min(plotW, startup.end * xs), ROW_H - 4);
        publishStartup(canvas, startup);

        let finish = '';
        let end = '';
        if (model.running) {
            // Where it is now.
            ctx.fillStyle = colours.status[0];
            ctx.fillRect(Math.round(nowT * xs), 0, 2, ROW_H);
        } else {
            // The finish line and the wall time beside it; a stop is dashed and says so.
            const seconds = model.finished && model.wallSeconds !== null ? model.wallSeconds : model.extent();
            const x = Math.round(seconds * xs);
            ctx.fillStyle = colours.textStrong;
            if (stopped) {
                for (let y = 0; y < ROW_H; y += 6) ctx.fillRect(x, y, 2, 3);
                end = `stopped at ${secondsText(seconds)}`;
            } else {
                ctx.fillRect(x, 0, 2, ROW_H);
                end = finish = secondsText(seconds);
            }
            ctx.textAlign = 'left';
            ctx.fillText(end, Math.min(x + 5, width - ctx.measureText(end).width - 2), ROW_H / 2);
        }
        setAttr(canvas, 'data-peak', track.peak);
        setAttr(canvas, 'data-finish', finish ? model.wallSeconds.toFixed(6) : '');
        const started = track.tally ? track.tally.started : model.bars.length;
        const tasks = `${started.toLocaleString('en-US')} task${started === 1 ? '' : 's'} started, at most ${track.peak.toLocaleString('en-US')} in flight at once`;
        const phase = startup ? `, ${startupText(startup)}` : '';
        setAttr(canvas, 'aria-label', model.running
            ? `${name}: running${phase}, ${tasks}, ${secondsText(nowT)} so far`
            : finish ? `${name}${phase}, ${tasks}, finished in ${finish}` : `${name}${phase}, ${tasks}, ${end}`);
    }

    drawAxis(axis, colours, domain) {
        const canvas = axis.canvas;
        const width = Math.max(60, canvas.clientWidth || 300);
        const ctx = prepareCanvas(canvas, axis.ctx, width, AXIS_H);
        const plotW = width - PAD_RIGHT;
        const xs = plotW / domain;
        const { step, values } = axisTicks(domain, plotW);
        ctx.font = `${colours.fontSize} ${FONT_FAMILY}`;
        ctx.textBaseline = 'top';
        ctx.fillStyle = colours.text;
        for (const v of values) {
            const x = Math.round(v * xs);
            const label = formatTick(v, step);
            ctx.textAlign = x === 0 ? 'left' : 'center';
            ctx.fillRect(x, 0, 1, 4);
            ctx.fillText(label, Math.min(x, width - ctx.measureText(label).width / 2 - 1), 5);
        }
    }
}

function same(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) return false;
    }
    return true;
}
