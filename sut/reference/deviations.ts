import { SutMutants } from './mutants';
import type { SelectiveDeviations } from './recording/policies/selective';

/**
 * Every way the reference SUT may deviate from the profile, as plain values read once at start-up
 * (GIR_MUTANT). Policy code asks these, never a mutant name; FAITHFUL is the SUT as it should be.
 */
export interface SutDeviations {
  fullTime: {
    neverRecords: boolean; recordsUnflagged: boolean; otherLegAsParty: boolean; stopDelayMs: number;
    ignoresAcdPosition: boolean; ignoresAgentLogin: boolean; loginStaysOnDn: boolean; loginRecordedUnderCluster: boolean;
    ignoresTrunkGroup: boolean; handOffKeepsTrunkRecording: boolean; portAsExtension: boolean;
  };
  dynamic: {
    ignores: ReadonlySet<'start' | 'stop' | 'pause' | 'resume'>;
    acceptsUnregisteredDn: boolean;
    releasedAsInvalidState: boolean;
    destinationAsSource: boolean;
    dropsPartitions: boolean;
    fullTimeNotControllable: boolean;
    selectiveNotControllable: boolean;
    acksUnknownMsgId: boolean;
    refusedPauseReachesMs: boolean;
    /** Extra delay before a pause goes to the MS, for every recording or only full-time ones. */
    pauseDelayMs: number;
    fullTimePauseDelayMs: number;
    dropsQueuedPause: boolean;
  };
  cti: { dropsReasons: boolean; answersTwice: boolean; closesOnBadJson: boolean; onBeforeAnswer: boolean };
  /** The SIP side (ROB-01): stops serving after the first message it cannot parse. */
  sip: { diesOnGarbage: boolean };
  load: { forksIntoOtherSession: boolean };
  screen: { sendsNoPause: boolean; followsUnconfiguredAgents: boolean; sessionAsRecordingId: boolean; stopDelayMs: number };
  selective: SelectiveDeviations;
  /** Transfers (FT-03): which kinds leave the agent-side recording running, and the new leg recorded regardless. */
  transfer: { keepsRecording: ReadonlySet<'blind' | 'consultation'>; recordsNewParty: boolean };
  /** Toward the Media Server (MS-01, MS-04). */
  ms: { omitsConnId: boolean; breaksCallOn503: boolean; silentOnMsBye: boolean; giveUpLateMs: number; keepsFailedRecording: boolean };
}

export const FAITHFUL: SutDeviations = {
  fullTime: {
    neverRecords: false, recordsUnflagged: false, otherLegAsParty: false, stopDelayMs: 0,
    ignoresAcdPosition: false, ignoresAgentLogin: false, loginStaysOnDn: false, loginRecordedUnderCluster: false,
    ignoresTrunkGroup: false, handOffKeepsTrunkRecording: false, portAsExtension: false,
  },
  dynamic: {
    ignores: new Set(), acceptsUnregisteredDn: false, releasedAsInvalidState: false, destinationAsSource: false,
    dropsPartitions: false, fullTimeNotControllable: false, selectiveNotControllable: false, acksUnknownMsgId: false, refusedPauseReachesMs: false,
    pauseDelayMs: 0, fullTimePauseDelayMs: 0, dropsQueuedPause: false,
  },
  cti: { dropsReasons: false, answersTwice: false, closesOnBadJson: false, onBeforeAnswer: false },
  sip: { diesOnGarbage: false },
  load: { forksIntoOtherSession: false },
  screen: { sendsNoPause: false, followsUnconfiguredAgents: false, sessionAsRecordingId: false, stopDelayMs: 0 },
  selective: { ignoresDestination: false, sourceForDestination: false, ignoresDisable: false, acceptsDuplicateId: false, dropsDest: false, settingSurvivesTransfer: false, ignoresRecordAfterTransfer: false, disableKeepsLiveRecording: false },
  transfer: { keepsRecording: new Set(), recordsNewParty: false },
  ms: { omitsConnId: false, breaksCallOn503: false, silentOnMsBye: false, giveUpLateMs: 0, keepsFailedRecording: false },
};

const LATE_MS = { stop: 1000, pause: 300, giveUp: 5000 };

export function sutDeviations(env: NodeJS.ProcessEnv = process.env): SutDeviations {
  const m = new SutMutants(env);
  const ignores = new Set<'start' | 'stop' | 'pause' | 'resume'>();
  if (m.is('sut-dyn-start-ignored')) ignores.add('start');
  if (m.is('sut-dyn-stop-ignored')) ignores.add('stop');
  if (m.is('sut-dyn-pause-ignored')) ignores.add('pause');
  if (m.is('sut-dyn-resume-ignored')) ignores.add('resume');
  return {
    fullTime: {
      neverRecords: m.is('sut-ft-never-records'),
      recordsUnflagged: m.is('sut-ft-records-unflagged'),
      otherLegAsParty: m.is('sut-ft-caller-as-party'),
      stopDelayMs: m.is('sut-ft-late-stop') ? LATE_MS.stop : 0,
      ignoresAcdPosition: m.is('sut-ft-ignores-acd-position'),
      ignoresAgentLogin: m.is('sut-ft-ignores-agent-login'),
      loginStaysOnDn: m.is('sut-ft-login-stays-on-dn'),
      loginRecordedUnderCluster: m.is('sut-ft-login-recorded-under-cluster'),
      ignoresTrunkGroup: m.is('sut-ft-ignores-trunk-group'),
      handOffKeepsTrunkRecording: m.is('sut-ft-ivr-hand-off-keeps-recording'),
      portAsExtension: m.is('sut-ft-port-as-extension'),
    },
    dynamic: {
      ignores,
      acceptsUnregisteredDn: m.is('sut-dyn-accepts-unregistered-dn'),
      releasedAsInvalidState: m.is('sut-dyn-released-as-invalid-state'),
      destinationAsSource: m.is('sut-dyn-destination-as-source'),
      dropsPartitions: m.is('sut-dyn-drops-partitions'),
      fullTimeNotControllable: m.is('sut-dyn-full-time-not-controllable'),
      selectiveNotControllable: m.is('sut-dyn-selective-not-controllable'),
      acksUnknownMsgId: m.is('sut-dyn-acks-unknown-msgid'),
      refusedPauseReachesMs: m.is('sut-dyn-refused-pause-reaches-ms'),
      pauseDelayMs: m.is('sut-pad-late-pause') ? LATE_MS.pause : 0,
      fullTimePauseDelayMs: m.is('sut-pad-full-time-late-pause') ? LATE_MS.pause : 0,
      dropsQueuedPause: m.is('sut-pad-drops-queued-pause'),
    },
    sip: { diesOnGarbage: m.is('sut-rob-dies-on-garbage') },
    cti: {
      dropsReasons: m.is('sut-dyn-drops-reasons'),
      answersTwice: m.is('sut-dyn-answers-twice'),
      closesOnBadJson: m.is('sut-rob-closes-on-bad-json'),
      onBeforeAnswer: m.is('sut-ms-on-before-answer'),
    },
    load: { forksIntoOtherSession: m.is('sut-forks-into-other-session') },
    screen: {
      sendsNoPause: m.is('sut-scr-no-pause'),
      followsUnconfiguredAgents: m.is('sut-scr-unconfigured-agent'),
      sessionAsRecordingId: m.is('sut-scr-session-as-recording-id'),
      stopDelayMs: m.is('sut-scr-late-stop') ? LATE_MS.stop : 0,
    },
    selective: {
      ignoresDestination: m.is('sut-sel-ignores-destination'),
      sourceForDestination: m.is('sut-sel-source-for-destination'),
      ignoresDisable: m.is('sut-sel-ignores-disable'),
      acceptsDuplicateId: m.is('sut-sel-accepts-duplicate-id'),
      dropsDest: m.is('sut-sel-drops-dest'),
      settingSurvivesTransfer: m.is('sut-sel-survives-transfer'),
      ignoresRecordAfterTransfer: m.is('sut-sel-ignores-record-after-transfer'),
      disableKeepsLiveRecording: m.is('sut-sel-disable-keeps-trunk-recording'),
    },
    transfer: {
      keepsRecording: new Set([...(m.is('sut-xfer-blind-keeps-recording') ? ['blind' as const] : []), ...(m.is('sut-xfer-consultation-keeps-recording') ? ['consultation' as const] : [])]),
      recordsNewParty: m.is('sut-xfer-records-new-party'),
    },
    ms: {
      omitsConnId: m.is('sut-ms-omits-connid'),
      breaksCallOn503: m.is('sut-ms-503-breaks-call'),
      silentOnMsBye: m.is('sut-ms-bye-leaves-on'),
      giveUpLateMs: m.is('sut-ms-gives-up-late') ? LATE_MS.giveUp : 0,
      keepsFailedRecording: m.is('sut-ms-failure-blocks-restart'),
    },
  };
}
