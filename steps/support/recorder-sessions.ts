import { randomBytes } from 'node:crypto';
import { RecordingParameters } from '../../simulators/gir-msml/recording-headers';
import { RecordingSessionError } from '../../simulators/recording-client/recording-session-client';
import type { RecorderRecording } from './client-recording-check';
import { allocateStreamId } from './worker-resources';
import type { GirWorld } from './world';

/** The party side's DN in recorder-role sessions: any DN; the recorder only carries it. */
const PARTY_DN = '7001';

const connId = (): string => randomBytes(8).toString('hex');
/** Ids unique across runs, since an external recorder keeps its files. */
export const freshId = (): string => `gir-test-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;

/** Opens a recording session at the recorder under test (an id of its own unless `withoutId`). */
export async function openRecording(world: GirWorld, overrides: Partial<RecordingParameters> & { withoutId?: boolean } = {}): Promise<RecorderRecording> {
  const stage = await world.recorderRole();
  const { withoutId, ...given } = overrides;
  const parameters: RecordingParameters = { connId: connId(), side: 'destination', partitions: [], ...(withoutId ? {} : { recordId: freshId() }), ...given };
  // A given id's final names are looked at before the INVITE, a recorder-made id's at its 200 OK:
  // a file there then is not this session's, and no check may take it for one.
  const earlierFiles = parameters.recordId === undefined ? [] : stage.existingFilesOf(parameters.recordId, parameters.dest);
  const recording = await stage.client.open({ dn: PARTY_DN, parameters, streamIds: [allocateStreamId(), allocateStreamId()] });
  world.disposers.push(`recording ${parameters.recordId ?? '(recorder id)'}`, () => (recording.stoppedAtMs === undefined ? recording.stop() : undefined));
  const id = parameters.recordId ?? recording.session.recordId;
  if (!id) throw new Error(`the recorder's 200 OK carried no X-Genesys-Record-Id and none was given (SEL-06)`);
  if (parameters.recordId === undefined) earlierFiles.push(...stage.existingFilesOf(id, parameters.dest));
  const entry: RecorderRecording = { recording, id, dn: PARTY_DN, parameters, earlierFiles };
  world.recorderRecordings.push(entry);
  return entry;
}

/** "The recording": the first session the scenario opened. */
export function current(world: GirWorld): RecorderRecording {
  const entry = world.recorderRecordings[0];
  if (!entry) throw new Error('no recording session was opened in this scenario');
  return entry;
}

/** Opens a session the recorder should refuse: keeps the refusal, or returns the session it accepted. */
export async function refusalOf(world: GirWorld, overrides: Partial<RecordingParameters>): Promise<RecorderRecording | undefined> {
  try {
    const accepted = await openRecording(world, overrides);
    world.lastRefusal = undefined;
    return accepted;
  } catch (error) {
    if (!(error instanceof RecordingSessionError)) throw error;
    world.lastRefusal = error;
    return undefined;
  }
}
