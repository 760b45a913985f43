// One frame for everything: dirty views and timelines are drawn together on the next animation
// frame, so a burst of batches costs one draw per frame.
//
// A draw that took D ms is followed by at least GAP x D ms without another: however many bars a
// run has, the main thread stays mostly free for the rest of the page (Blazor's render batches,
// the next events), and a small run (a draw of a millisecond or two) still draws every frame.

export const dirty = new Set();
const GAP = 3;
const MAX_WAIT_MS = 1000;
let frameRequested = false;
let notBefore = 0;

export function schedule(target) {
    dirty.add(target);
    if (frameRequested) return;
    frameRequested = true;
    const wait = Math.min(MAX_WAIT_MS, notBefore - performance.now());
    if (wait > 1) setTimeout(() => requestAnimationFrame(flushFrame), wait);
    else requestAnimationFrame(flushFrame);
}

function flushFrame() {
    frameRequested = false;
    const targets = [...dirty];
    dirty.clear();
    const started = performance.now();
    for (const target of targets) target.render();
    const ended = performance.now();
    notBefore = ended + GAP * (ended - started);
}
