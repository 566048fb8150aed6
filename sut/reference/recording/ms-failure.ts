import { RecordingSessionError } from '../../../simulators/recording-client/recording-session-client';
import { Call } from '../call/call';
import { SutDeviations } from '../deviations';
import { RecordingController } from './recording-controller';

/**
 * What a Media Server failure does to the call (MS-04): nothing. The recording has already ended
 * itself (GSIP_RECORD=OFF, its session closed, the call free for a new start); the parties keep
 * talking. Only a deviation makes the call pay for it.
 */
export function leaveCallsAloneOnMsFailure(recordings: RecordingController, deviations: SutDeviations['ms'], hangUp: (call: Call) => void): void {
  recordings.onRecordingFailed((call, error) => {
    if (deviations.breaksCallOn503 && error instanceof RecordingSessionError && error.status === 503) hangUp(call);
  });
}
