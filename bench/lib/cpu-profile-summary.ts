/**
 * Where a process spent its time, from a V8 `.cpuprofile` (node --cpu-prof): self time per
 * function (name, file:line), largest first, as shares of all samples. Enough to say where the time
 * goes in a benchmark report without opening a profiler.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  /** function (file:line), or a V8 pseudo-frame such as (garbage collector) or (program). */
  frame: string;
  /** Share of the busy time (every sample but '(idle)'). */
  selfPercent: number;
  selfMs: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  entries: ProfileEntry[];
}

export function summarizeCpuProfile(path: string, top = 15, root = process.cwd()): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const frameOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? relative(root, url.replace(/^file:\/\//, '')) : '';
    frameOf.set(node.id, file ? `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})` : functionName);
  }
  const selfUs = new Map<string, number>();
  let busyUs = 0;
  let idleUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const frame = frameOf.get(id) ?? '(unknown)';
    if (frame === '(idle)') {
      idleUs += delta;
      return;
    }
    selfUs.set(frame, (selfUs.get(frame) ?? 0) + delta);
    busyUs += delta;
  });
  const entries = [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, us]) => ({ frame, selfPercent: Math.round((us / busyUs) * 1000) / 10, selfMs: Math.round(us / 1000) }));
  return { busyMs: Math.round(busyUs / 1000), idleMs: Math.round(idleUs / 1000), entries };
}
