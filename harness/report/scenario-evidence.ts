import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The evidence a scenario left under <reports>/scenarios/<folder>/: the files its steps and hooks
 * wrote (plots, SIP ladder and trace, the recorder's WAV and metadata), found by a manifest that
 * names the scenario attempt, so the reports can link a verdict to its files.
 */
export const SCENARIOS_DIR = 'scenarios';
const MANIFEST = 'scenario.json';

export interface EvidenceManifest {
  /** The scenario key (feature path and line(s)), as the reports know the scenario. */
  key: string;
  name: string;
  /** Cucumber's id of this attempt: ties the folder to the run's message stream. */
  testCaseStartedId: string;
  status: string;
}

export type EvidenceKind = 'plot' | 'sipLadder' | 'sipTrace' | 'metadata' | 'wav' | 'other';

export interface EvidenceFile {
  kind: EvidenceKind;
  /** Relative to the reports folder, '/'-separated: usable as a link from a page beside it. */
  path: string;
}

export function writeEvidenceManifest(folder: string, manifest: EvidenceManifest): void {
  writeFileSync(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function evidenceKindOf(fileName: string): EvidenceKind {
  if (fileName.endsWith('.svg')) return 'plot';
  if (fileName === 'sip-ladder.txt') return 'sipLadder';
  if (fileName === 'sip-trace.txt') return 'sipTrace';
  if (fileName.endsWith('.json')) return 'metadata';
  if (fileName.endsWith('.wav')) return 'wav';
  return 'other';
}

// The order a reader wants them in: the picture first, the raw files last.
const KIND_ORDER: EvidenceKind[] = ['plot', 'sipLadder', 'metadata', 'wav', 'sipTrace', 'other'];

/** Every scenario folder with a manifest, by testCaseStartedId; files sorted by kind, then path. */
export function readScenarioEvidence(reportsDir: string): Map<string, EvidenceFile[]> {
  const evidence = new Map<string, EvidenceFile[]>();
  const root = join(reportsDir, SCENARIOS_DIR);
  if (!existsSync(root)) return evidence;
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const manifestPath = join(root, folder.name, MANIFEST);
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as EvidenceManifest;
    const files = filesUnder(join(root, folder.name))
      .filter((file) => file !== MANIFEST)
      .map((file): EvidenceFile => ({ kind: evidenceKindOf(file.split('/').pop()!), path: `${SCENARIOS_DIR}/${folder.name}/${file}` }))
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
    evidence.set(manifest.testCaseStartedId, files);
  }
  return evidence;
}

/** Files under `dir`, '/'-separated and relative to it; hidden ones (a WAV still being written) left out. */
function filesUnder(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...filesUnder(dir, rel));
    else files.push(rel);
  }
  return files;
}
