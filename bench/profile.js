// @ts-check
// Reads a V8 CPU profile (`node --cpu-prof`) and tells where the plugin's time goes: the share of
// samples with plugin code on the stack, and the plugin functions that cost the most.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The single `.cpuprofile` written into `directory`.
 * @param {string} directory
 */
export function profileIn(directory) {
  const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`bench: no .cpuprofile in ${directory}`);
  return path.join(directory, file);
}

/**
 * `{ totalMs, pluginMs, functions: [{ name, inclusiveMs, selfMs }] }` for the frames whose script URL
 * contains `marker` (the plugin's directory). Inclusive time counts a sample once per function even
 * when the function recurses; it includes library code (scope manager, resolver) called by the plugin.
 * @param {string} file
 * @param {string} marker
 * @returns {import('./types.js').ProfileSummary}
 */
export function summarizeProfile(file, marker, top = 10) {
  /** @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode */
  const profile = /** @type {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} */ (
    JSON.parse(readFileSync(file, 'utf8'))
  );
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} */
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const label = (/** @type {ProfileNode} */ node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.includes(marker) ? url.slice(url.indexOf(marker) + marker.length) : path.basename(url);
    return `${functionName === '' ? '(anonymous)' : functionName} (${where}:${String(lineNumber + 1)})`;
  };
  /** @type {Map<number, Set<string>>} */
  const stacks = new Map();
  /** @param {number} id */
  function pluginFrames(id) {
    let frames = stacks.get(id);
    if (frames === undefined) {
      frames = new Set();
      for (
        let current = /** @type {number | undefined} */ (id);
        current !== undefined;
        current = parents.get(current)
      ) {
        const node = nodes.get(current);
        if (node?.callFrame.url.includes(marker) === true) frames.add(label(node));
      }
      stacks.set(id, frames);
    }
    return frames;
  }
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  /** @type {Map<string, number>} */
  const self = new Map();
  let totalMs = 0;
  let pluginMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const frames = pluginFrames(id);
    if (frames.size === 0) return;
    pluginMs += ms;
    for (const frame of frames) inclusive.set(frame, (inclusive.get(frame) ?? 0) + ms);
    const leaf = nodes.get(id);
    if (leaf?.callFrame.url.includes(marker) === true) self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
  });
  const functions = [...inclusive]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, inclusiveMs]) => ({ name, inclusiveMs, selfMs: self.get(name) ?? 0 }));
  return { totalMs, pluginMs, functions };
}
