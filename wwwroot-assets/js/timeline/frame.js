// One frame for everything: dirty views and timelines are drawn together on the next animation
// frame, so a burst of batches costs one draw per frame.

export const dirty = new Set();
let frameRequested = false;

export function schedule(target) {
    dirty.add(target);
    if (!frameRequested) {
        frameRequested = true;
        requestAnimationFrame(flushFrame);
    }
}

function flushFrame() {
    frameRequested = false;
    const targets = [...dirty];
    dirty.clear();
    for (const target of targets) target.render();
}

