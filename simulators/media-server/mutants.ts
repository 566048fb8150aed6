import { MutantDefinition, MutantSwitch } from '../mutation/mutant-switch';

/**
 * Deliberate deviations of the fake Media Server, at least one per MS-owned requirement, killed through @recorder scenarios only: in call-control scenarios the fake MS is the
 * measuring instrument, so a kill there would prove nothing (REQUIREMENTS.md, "Coverage").
 */
export const MS_MUTANTS = [
  { name: 'ms-accepts-duplicate-id', requirement: 'SEL-05', description: 'accepts a recording INVITE whose record id is live' },
  { name: 'ms-restarts-id-counter', requirement: 'SEL-06', description: 'makes ids from a counter that restarts with the process' },
  { name: 'ms-omits-record-id', requirement: 'SEL-06', description: 'answers 200 OK without X-Genesys-Record-Id' },
  { name: 'ms-follows-dotdot', requirement: 'SEL-07', description: 'joins dest to the root unchecked, following ".." out of it' },
  { name: 'ms-pads-short', requirement: 'PAD-01', description: 'ends each pause padding 60 ms early' },
  { name: 'ms-writes-while-paused', requirement: 'PAD-02', description: 'keeps writing audio that arrives while paused' },
  { name: 'ms-forgets-after-five-pauses', requirement: 'PAD-03', description: 'ignores every pause after the fifth' },
  { name: 'ms-pads-one-channel', requirement: 'PAD-05', description: 'pauses channel 1 only; channel 2 keeps recording' },
  { name: 'ms-cuts-media-gaps', requirement: 'PAD-06', description: 'closes an RTP gap instead of padding it' },
  { name: 'ms-swaps-channels', requirement: 'MS-03', description: 'writes the party side (label 1) to channel 2' },
  { name: 'ms-metadata-without-events', requirement: 'MS-03', description: 'writes metadata with an empty events list' },
  { name: 'ms-dies-on-garbage', requirement: 'ROB-01', description: 'stops serving after a message it cannot parse' },
  { name: 'ms-drops-under-load', requirement: 'ROB-03', description: 'drops every tenth RTP packet while more than 10 sessions are live' },
] as const satisfies readonly MutantDefinition[];

export type MsMutantName = (typeof MS_MUTANTS)[number]['name'];

export class MsMutants extends MutantSwitch<MsMutantName> {
  constructor(env: NodeJS.ProcessEnv = process.env) {
    super(MS_MUTANTS, env);
  }
}

/** The deviations a RecordingSession takes, derived once per server from the active mutant. */
export interface SessionDeviations {
  resumeEarlySamples: number;
  keepWritingWhilePaused: boolean;
  honouredPauses: number;
  pausedChannels: readonly (0 | 1)[];
  closeMediaGaps: boolean;
  swapChannels: boolean;
  dropEvents: boolean;
}

export const FAITHFUL: SessionDeviations = {
  resumeEarlySamples: 0,
  keepWritingWhilePaused: false,
  honouredPauses: Infinity,
  pausedChannels: [0, 1],
  closeMediaGaps: false,
  swapChannels: false,
  dropEvents: false,
};

/** ms-drops-under-load: above this many live sessions, one packet in DROP_EVERY is lost. */
export const LOAD_MUTANT_LIVE_SESSIONS = 10;
export const LOAD_MUTANT_DROP_EVERY = 10;

const PAD_SHORT_MS = 60;
const HONOURED_PAUSES = 5;

export function sessionDeviations(mutants: MsMutants): SessionDeviations {
  return {
    resumeEarlySamples: mutants.is('ms-pads-short') ? PAD_SHORT_MS * 8 : 0,
    keepWritingWhilePaused: mutants.is('ms-writes-while-paused'),
    honouredPauses: mutants.is('ms-forgets-after-five-pauses') ? HONOURED_PAUSES : Infinity,
    pausedChannels: mutants.is('ms-pads-one-channel') ? [0] : [0, 1],
    closeMediaGaps: mutants.is('ms-cuts-media-gaps'),
    swapChannels: mutants.is('ms-swaps-channels'),
    dropEvents: mutants.is('ms-metadata-without-events'),
  };
}
