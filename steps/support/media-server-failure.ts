import assert from 'node:assert/strict';
import { FakeMediaServer } from '../../simulators/media-server/media-server';
import { GirWorld } from './world';

/** The moment the fake Media Server failed the recording, as its own records show (MS-04). */
export interface MsFailure {
  atMs: number;
  /** For messages: "the Media Server's 503 to the recording INVITE". */
  what: string;
}

/**
 * Where the scenario's fault bit: the refusal of the INVITE, the SUT's giving up on a silent Media
 * Server (the INVITE + sut.msTimeoutMs, rule 18), the Media Server's BYE, or its refusal of an INFO.
 */
export function msFailureOf(world: GirWorld, ms: FakeMediaServer): MsFailure {
  switch (world.msFault) {
    case 'reject': {
      const refused = ms.refused[0];
      assert.ok(refused, 'the Media Server refused no recording INVITE: the SUT sent none');
      return { atMs: refused.atMs, what: `the Media Server's ${refused.status} to the recording INVITE` };
    }
    case 'silent': {
      const invite = ms.invites[0];
      assert.ok(invite, 'the Media Server received no recording INVITE: the SUT sent none');
      return { atMs: invite.atMs + world.profile.sut.msTimeoutMs, what: `the recording INVITE + sut.msTimeoutMs (${world.profile.sut.msTimeoutMs} ms), when the SUT must give up` };
    }
    case 'bye': {
      const stopped = ms.sessions[0]?.recording.events.find((e) => e.type === 'stopped');
      assert.ok(stopped, 'the Media Server never ended the recording: it never had one');
      return { atMs: stopped.atMs, what: "the Media Server's BYE" };
    }
    case 'info': {
      const atMs = ms.refusedInfoAtMs[0];
      assert.ok(atMs !== undefined, 'the Media Server refused no INFO: the SUT sent none after the fault was set');
      return { atMs, what: "the Media Server's refusal of an INFO" };
    }
    default:
      throw new Error('the scenario set no Media Server fault');
  }
}
