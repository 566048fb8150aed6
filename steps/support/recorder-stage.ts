import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Profile } from '../../profiles/profile-schema';
import { RecorderSut, startRecorderSut } from '../../sut/adapters/recorder-sut';
import { describeSearch, findRecordingFiles, FoundRecordingFiles, RecordingsLayout } from '../../sut/adapters/recordings-layout';
import { RecordingClient } from '../../simulators/recording-client/recording-client';
import { PortBlock } from '../../simulators/net/port-block';
import { Clock } from '../../simulators/time/clock';
import { DisposerStack } from './disposer-stack';
import { SipTrace } from './sip-trace';
import { workerProcessRecorder } from './worker-process-sut';

/** Poll interval while waiting for a recorder's files to appear (their deadline is tolerance.finalizeMs). */
const FILE_POLL_MS = 25;

/** The recorder-role stage: the recorder under test and the recording client that drives it. */
export class RecorderStage {
  private constructor(
    readonly recorder: RecorderSut,
    readonly client: RecordingClient,
    readonly layout: RecordingsLayout,
    /** The recorder runs in this process, on the harness's own event loop (adapter: embedded). */
    readonly sharesHarnessLoop: boolean,
  ) {}

  static async start(options: { profile: Profile; artifactsDir: string; portBlock: PortBlock; clock: Clock; disposers: DisposerStack; trace: SipTrace }): Promise<RecorderStage> {
    const { profile, portBlock, clock, disposers, trace } = options;
    let recorder: RecorderSut;
    if (profile.sut.adapter === 'process' || profile.sut.adapter === 'container') {
      recorder = await workerProcessRecorder(profile, clock);
    } else {
      recorder = await startRecorderSut({ profile, embeddedRoot: join(options.artifactsDir, 'recordings'), portBlock, clock, onTrace: trace.recorder('recorder') });
      disposers.push(recorder.description, () => recorder.stop());
    }
    const client = await RecordingClient.start({
      host: '127.0.0.1', portBlock, clock, recorder: recorder.sipAddress,
      startOn: profile.wire.startOn, tenantDbid: profile.wire.tenantDbid, timeoutMs: profile.sut.msTimeoutMs,
      onTrace: trace.recorder('recording client'),
    });
    disposers.push('recording client', () => client.close());
    return new RecorderStage(recorder, client, profile.sut.recordingsLayout, profile.sut.adapter === 'embedded');
  }

  /** A recording's files as they are now, found by `sut.recordingsLayout` (two candidates of one kind: an error naming both). */
  findFiles(id: string, dest?: string): FoundRecordingFiles {
    return findRecordingFiles(this.recorder.recordingsRoot, this.layout, id, dest);
  }

  /** The files that carry a recording's id now (a check's evidence must postdate its session). */
  existingFilesOf(id: string, dest?: string): string[] {
    const files = this.findFiles(id, dest);
    return [files.wav, files.metadata].filter((file): file is string => file !== undefined);
  }

  /** Waits until both files are under their final names, at most `deadlineMs` on the clock. */
  async waitForFiles(id: string, dest: string | undefined, clock: Clock, deadlineMs: number): Promise<{ wav: Buffer; wavPath: string; metadata: unknown }> {
    for (;;) {
      const files = this.findFiles(id, dest);
      if (files.metadata && files.wav) {
        return { wav: readFileSync(files.wav), wavPath: files.wav, metadata: JSON.parse(readFileSync(files.metadata, 'utf8')) as unknown };
      }
      if (clock.now() >= deadlineMs) {
        const missing = files.wav ? `metadata (the WAV is ${files.wav})` : files.metadata ? `WAV (the metadata is ${files.metadata})` : 'WAV nor metadata';
        throw new Error(`recording ${id}: no ${missing} under ${describeSearch(this.recorder.recordingsRoot, this.layout, dest)} within tolerance.finalizeMs of the stop`);
      }
      await new Promise((resolve) => setTimeout(resolve, FILE_POLL_MS));
    }
  }
}
