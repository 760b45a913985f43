// The counter strip's plot under a timeline: CPU user and system, OS threads, the pool queue and memory per task of
// each process over the repetition, drawn here on the canvas' own x scale (one second is as wide as
// above, the plot starts at the gutter). This module owns the plot and its size; CounterStrip.razor
// renders the head (the figures) and an empty ".counter-strip-plot" host for it.

import { GUTTER } from './layout.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const HEIGHT = 40;

/** Most points drawn per line (CounterStrip.razor.cs MaxPoints): a long run's 20,000 samples stay light. */
export const MAX_POINTS = 400;

// Sample values: [cpu, user, system, threads, poolQueue, bytesPerTask]. Each series is scaled to its own peak
// (CPU to at least 100 %, one core), so its shape reads at a glance; the head gives the figures.
const SERIES = [
    { cls: 'cs-user', value: 1, top: 'cpu' },
    { cls: 'cs-system', value: 2, top: 'cpu' },
    { cls: 'cs-threads', value: 3, top: 'threads' },
    { cls: 'cs-queue', value: 4, top: 'queue' },
    { cls: 'cs-memory', value: 5, top: 'memory', optional: true },
];

/** Evenly thinned to at most MAX_POINTS (plus the last one). */
export function thin(samples) {
    if (samples.length <= MAX_POINTS) return samples;
    const step = samples.length / MAX_POINTS;
    const out = [];
    for (let i = 0; i < MAX_POINTS; i++) out.push(samples[Math.floor(i * step)]);
    out.push(samples[samples.length - 1]);
    return out;
}

/** The polylines' points ("x,y x,y ...") per process and series, x in pixels of the canvas' scale. */
export function stripLines(samples, xs, plotW) {
    const peak = (i) => samples.reduce((m, s) => Math.max(m, s.values[i] ?? 0), 0);
    const tops = { cpu: Math.max(100, peak(0)), threads: Math.max(1, peak(3)), queue: Math.max(1, peak(4)), memory: Math.max(1, peak(5)) };
    const byProcess = new Map();
    for (const s of samples) {
        let list = byProcess.get(s.process);
        if (!list) byProcess.set(s.process, list = []);
        list.push(s);
    }
    const lines = [];
    for (const list of byProcess.values()) {
        const points = thin(list);
        for (const series of SERIES) {
            // Memory per task is the app's own (tasks in flight in its process): no line for a worker.
            if (series.optional && !points.some((s) => s.values[series.value] != null)) continue;
            const xy = points.map((s) => [
                Math.min(plotW, Math.max(0, s.t * xs)),
                HEIGHT - 1 - Math.min(1, Math.max(0, (s.values[series.value] ?? 0) / tops[series.top])) * (HEIGHT - 2),
            ]);
            // A lone sample (a strategy shorter than the sampling interval) is a short dash, not nothing.
            if (xy.length === 1) xy.unshift([Math.max(0, xy[0][0] - 4), xy[0][1]]);
            lines.push({ cls: series.cls, points: xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ') });
        }
    }
    return lines;
}

/**
 * Draws the samples into the strip host under a canvas (if the page shows one), on the canvas'
 * scale: xs pixels per second over a plot plotW wide. Skipped when nothing changed since the last draw.
 */
export function drawCounterStrip(host, samples, xs, plotW, domain, name) {
    if (!host || !host.isConnected) return;
    let svg = host.querySelector('svg.counter-strip-svg');
    if (!svg) {
        svg = document.createElementNS(SVG_NS, 'svg');
        svg.setAttribute('class', 'counter-strip-svg');
        svg.setAttribute('role', 'img');
        svg.setAttribute('preserveAspectRatio', 'none');
        host.appendChild(svg);
    }
    const width = Math.max(1, plotW);
    const key = `${samples.length}|${width.toFixed(1)}|${domain}`;
    if (svg.dataset.key === key) return;
    svg.dataset.key = key;
    svg.setAttribute('aria-label', `Runtime counters of ${name}: CPU user and system, threads, pool queue, memory per task over time`);
    svg.setAttribute('viewBox', `0 0 ${width.toFixed(1)} ${HEIGHT}`);
    svg.style.width = `${width.toFixed(1)}px`;
    svg.style.height = `${HEIGHT}px`;
    svg.setAttribute('data-domain', domain.toFixed(4));
    svg.setAttribute('data-seconds', samples.length === 0 ? '0' : String(samples.reduce((m, s) => Math.max(m, s.t), 0)));
    svg.setAttribute('data-left', String(GUTTER));
    const lines = stripLines(samples, xs, width);
    svg.replaceChildren(...lines.map(({ cls, points }) => {
        const line = document.createElementNS(SVG_NS, 'polyline');
        line.setAttribute('class', cls);
        line.setAttribute('points', points);
        line.setAttribute('fill', 'none');
        line.setAttribute('vector-effect', 'non-scaling-stroke');
        return line;
    }));
}
