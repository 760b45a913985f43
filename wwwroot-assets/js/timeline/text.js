// What a task says in words: its tooltip and live-region text, its threads, escaped HTML.

import { STATUS_RUNNING, STATUS_NAMES } from './model.js';
import { formatSeconds } from './scale.js';

/** The threads a task ran on, in order ("12 → 15 → 12"), or its lane's thread. */
export function threadsText(bar) {
    if (bar.threads) return bar.threads.join(' → ');
    return Number.isFinite(bar.lane.tid) ? String(bar.lane.tid) : '–';
}

/** How many times a task resumed on another thread (0 when it stayed on one). */
export function hopCount(bar) {
    return bar.threads ? bar.threads.length - 1 : 0;
}

/** Where a finished task's time went ("CPU 120.0 ms · ready 5.0 ms · waiting 300.0 ms"), the run page's words, or '' when not measured. */
export function splitText(bar) {
    if (!Number.isFinite(bar.cpu)) return '';
    const wait = Math.max(0, bar.end - bar.start - bar.cpu - (bar.ready ?? 0));
    const parts = [`CPU ${formatSeconds(bar.cpu)}`, `ready ${formatSeconds(bar.ready ?? 0)}`, `waiting ${formatSeconds(wait)}`];
    if (Number.isFinite(bar.transfer)) parts.push(`transfer ${formatSeconds(bar.transfer)}`);
    return parts.join(' · ');
}

/** A task's detail, line by line: number and status, lane, threads, times, its own detail. */
export function describe(bar, nowT) {
    const running = bar.status === STATUS_RUNNING;
    const end = running ? nowT : bar.end;
    const hops = hopCount(bar);
    const lines = [
        `Task #${bar.task} · ${STATUS_NAMES[bar.status]}`,
        `lane ${bar.lane.label}`,
        // The engine records the order of a task's threads, not when it moved: say so.
        ...(hops > 0 ? [`threads ${threadsText(bar)} (resumed on another thread ${hops}×; order only, not when)`] : []),
        `start ${formatSeconds(bar.start)} · end ${running ? '…' : formatSeconds(end)}`,
        `duration ${formatSeconds(Math.max(0, end - bar.start))}${running ? ' so far' : ''}`,
    ];
    const split = running ? '' : splitText(bar);
    if (split) lines.push(split);
    if (bar.detail) lines.push(bar.detail.length > 300 ? `${bar.detail.slice(0, 300)}…` : bar.detail);
    return lines.join('\n');
}

export function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
