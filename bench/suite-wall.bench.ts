/**
 * `npm run bench -- suite-wall`: wall time of the whole merged conformance suite (both roles, one
 * run) divided by the sum of its talk time (the steps in which calls or recordings just run: the
 * serial talk time), serial and with --parallel 2. A ratio near 1 means the suite spends its time on
 * calls, not on set-up; the scenarios that dominate the wall time are named. Lower is better.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { DEFAULT_PROFILE_PATHS, loadTagExpression, profilesForRun } from '../harness/conformance-run';
import { runCucumberProcess } from '../harness/lib/cucumber-process';
import { BenchMeasurement } from './lib/bench-result';

/** Steps whose whole duration is calls or recordings running (talk, pause, gaps): the talk time. */
const TALK_STEP = /talk for|runs for|paused (by re-INVITE )?for|sends no audio for|paused and resumed/;

interface ScenarioTime {
  name: string;
  wallMs: number;
  talkMs: number;
}

interface SuiteTime {
  wallMs: number;
  talkMs: number;
  scenarios: ScenarioTime[];
  failed: number;
  /** What did not pass, so a figure taken over a broken or judged-late run says so. */
  notPassed: { scenario: string; status: string; message: string }[];
}

async function timeSuite(parallel: number): Promise<SuiteTime> {
  const reportsDir = mkdtempSync(join(tmpdir(), 'gir-suite-wall-'));
  try {
    const profiles = profilesForRun({ ...process.env, GIR_PROFILE: '' });
    const profileByRole = Object.fromEntries(profiles.map((p) => [p.profile.sut.role, p.path]));
    const began = performance.now();
    await runCucumberProcess({
      // The default suite, as `npm run conformance` runs it: @load runs only when asked for.
      args: ['--tags', loadTagExpression([])!, ...(parallel > 1 ? ['--parallel', String(parallel)] : [])],
      reportsDir,
      env: { ...process.env, GIR_PROFILE: '', GIR_PROFILES: JSON.stringify(profileByRole), GIR_CONSOLE_FORMAT: 'progress' },
      quiet: true,
    });
    const wallMs = performance.now() - began;
    return { wallMs, ...readTimes(readFileSync(join(reportsDir, 'messages.ndjson'), 'utf8')) };
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
}

function readTimes(ndjson: string): Omit<SuiteTime, 'wallMs'> {
  const envelopes = ndjson.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Envelope);
  const pickles = new Map<string, { name: string; stepText: Map<string, string> }>();
  const caseInfo = new Map<string, { pickleId: string; stepOfTestStep: Map<string, string> }>();
  const started = new Map<string, { caseId: string; atMs: number }>();
  const scenarios = new Map<string, ScenarioTime>();
  let failed = 0;
  const notPassed: SuiteTime['notPassed'] = [];
  const ms = (t: { seconds: number; nanos: number }) => t.seconds * 1000 + t.nanos / 1e6;
  for (const e of envelopes) {
    if (e.pickle) pickles.set(e.pickle.id, { name: e.pickle.name, stepText: new Map(e.pickle.steps.map((s) => [s.id, s.text])) });
    else if (e.testCase) caseInfo.set(e.testCase.id, { pickleId: e.testCase.pickleId, stepOfTestStep: new Map(e.testCase.testSteps.filter((s) => s.pickleStepId).map((s) => [s.id, s.pickleStepId!])) });
    else if (e.testCaseStarted) {
      started.set(e.testCaseStarted.id, { caseId: e.testCaseStarted.testCaseId, atMs: ms(e.testCaseStarted.timestamp) });
      const pickle = pickles.get(caseInfo.get(e.testCaseStarted.testCaseId)!.pickleId)!;
      scenarios.set(e.testCaseStarted.id, { name: pickle.name, wallMs: 0, talkMs: 0 });
    } else if (e.testStepFinished) {
      const run = started.get(e.testStepFinished.testCaseStartedId)!;
      const info = caseInfo.get(run.caseId)!;
      const text = pickles.get(info.pickleId)!.stepText.get(info.stepOfTestStep.get(e.testStepFinished.testStepId) ?? '') ?? '';
      if (TALK_STEP.test(text)) scenarios.get(e.testStepFinished.testCaseStartedId)!.talkMs += ms(e.testStepFinished.testStepResult.duration);
      const result = e.testStepFinished.testStepResult;
      if (result.status !== 'PASSED' && result.status !== 'SKIPPED') {
        failed++;
        const message = (result.exception?.message ?? result.message ?? '').split('\n').slice(0, 2).join(' | ');
        notPassed.push({ scenario: scenarios.get(e.testStepFinished.testCaseStartedId)!.name, status: result.exception?.type ?? result.status, message });
      }
    } else if (e.testCaseFinished) {
      const run = started.get(e.testCaseFinished.testCaseStartedId)!;
      scenarios.get(e.testCaseFinished.testCaseStartedId)!.wallMs = ms(e.testCaseFinished.timestamp) - run.atMs;
    }
  }
  const list = [...scenarios.values()];
  return { talkMs: list.reduce((sum, s) => sum + s.talkMs, 0), scenarios: list, failed, notPassed };
}

export default async function suiteWall(): Promise<BenchMeasurement> {
  if (DEFAULT_PROFILE_PATHS.length === 0) throw new Error('no default profiles to run the suite with');
  const serial = await timeSuite(1);
  const parallel = await timeSuite(2);
  for (const [run, time] of [['serial', serial], ['--parallel 2', parallel]] as const) {
    for (const n of time.notPassed) console.error(`suite-wall: ${run}: not passed: ${n.scenario}: ${n.status}: ${n.message}`);
  }
  const dominant = [...serial.scenarios]
    .sort((a, b) => b.wallMs - a.wallMs)
    .slice(0, 6)
    .map((s) => ({ name: s.name, wallMs: Math.round(s.wallMs), talkMs: Math.round(s.talkMs), overheadMs: Math.round(s.wallMs - s.talkMs) }));
  return {
    name: 'suite-wall',
    unit: 'suite wall time ÷ serial talk time (serial run)',
    value: serial.wallMs / serial.talkMs,
    higherIsBetter: false,
    details: {
      serial: { wallMs: Math.round(serial.wallMs), talkMs: Math.round(serial.talkMs), ratio: serial.wallMs / serial.talkMs, scenarios: serial.scenarios.length, failedSteps: serial.failed, notPassed: serial.notPassed },
      parallel2: { wallMs: Math.round(parallel.wallMs), talkMs: Math.round(parallel.talkMs), ratio: parallel.wallMs / parallel.talkMs, scenarios: parallel.scenarios.length, failedSteps: parallel.failed, notPassed: parallel.notPassed },
      dominant,
    },
  };
}
