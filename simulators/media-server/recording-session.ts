import type { Socket } from 'node:dgram';
import { G711Law, lawOfPayloadType } from '../media';
import { RecordingParameters } from '../gir-msml/recording-headers';
import { Clock } from '../time/clock';
import { ChannelTrack, SampleReader, TRACK_BLOCK_SAMPLES } from './channel-track';
import { decodeG711Into, readRtpMedia, RtpMediaFields } from './rtp-media';
import { WavSpool, writeRecordingFiles } from './recording-files';
import { CHUNK_FRAMES } from './recording-wav';
import { recordingMetadata, RecordingMetadata } from './recording-metadata';
import { RecordingPaths } from './recording-paths';
import { FAITHFUL, SessionDeviations } from './mutants';
import { RecordingCommandName, RecordingEvent, RecordingState, RecordingStateMachine } from './recording-state';

const SAMPLES_PER_MS = 8;
/**
 * Audio older than this behind the newest arrival is settled and goes to the file while the
 * recording runs. It must exceed how far back a packet can still be placed: the re-anchoring
 * drift limit (maxDriftMs) plus a frame, and any reordering worth honouring.
 */
const SETTLE_AFTER_SAMPLES = 2 * 8000;

/**
 * Per datagram, nothing is allocated: the header is read into one fields object and the payload
 * decoded into one array, both shared by every session (ChannelTrack copies the PCM it is given).
 * The decode array is replaced only when a payload of another length comes.
 */
const rtp: RtpMediaFields = { payloadType: 0, ssrc: 0, timestamp: 0, payloadStart: 0, payloadEnd: 0 };
let decodeScratch = new Int16Array(160);

function decodePayload(law: G711Law, bytes: Uint8Array): Int16Array {
  const samples = rtp.payloadEnd - rtp.payloadStart;
  if (decodeScratch.length !== samples) decodeScratch = new Int16Array(samples);
  return decodeG711Into(law, bytes, rtp.payloadStart, rtp.payloadEnd, decodeScratch);
}

export interface RecordingSessionOptions {
  /** The record id: X-Genesys-Record-Id, or the one the MS made. */
  id: string;
  /** The SUT's token from the Request-URI. */
  session: string;
  dn: string;
  parameters: RecordingParameters;
  paths: RecordingPaths;
  clock: Clock;
  /** One socket per m-line: index 0 = a=label:1 (party side), 1 = a=label:2. */
  mediaSockets: [Socket, Socket];
  /** Timestamp vs arrival drift that makes a channel re-anchor (ChannelTrack). */
  maxDriftMs: number;
  /** Fault knobs read per packet: drop, or handle later (MediaServerFaults). */
  mediaFaults?: () => { dropRtp: boolean; rtpDelayMs: number };
  /** Fault knob read when the files are written (MediaServerFaults.writeStallMs). */
  fileFaults?: () => { writeStallMs?: number };
  /** Deliberate deviations (mutants); FAITHFUL when absent. */
  deviations?: SessionDeviations;
}

export interface MediaCounters {
  received: number;
  malformed: number;
  unsupportedPayload: number;
}

/**
 * One recording at the Media Server: the state machine, one ChannelTrack per label fed from its
 * own socket, and the files written once it stops. File time 0 is when the recording started; the
 * file ends at the stop, so file time equals the session's wall time (PAD-01, MS-03).
 */
export class RecordingSession {
  readonly machine: RecordingStateMachine;
  readonly tracks: [ChannelTrack, ChannelTrack];
  readonly media: [MediaCounters, MediaCounters] = [
    { received: 0, malformed: 0, unsupportedPayload: 0 },
    { received: 0, malformed: 0, unsupportedPayload: 0 },
  ];
  private startedAtMs: number | undefined;
  private readonly commandListeners: ((event: RecordingEvent) => void)[] = [];
  private finished?: Promise<RecordingMetadata | undefined>;

  private readonly deviations: SessionDeviations;
  private pauses = 0;
  /** Added to every arrival position; moves only under the ms-pads-short mutant. */
  private arrivalShift = 0;
  /** The WAV written while recording (opened once audio first settles), and the write in flight. */
  private spool?: WavSpool;
  private spooling?: Promise<void>;
  private spoolError?: unknown;

  constructor(readonly options: RecordingSessionOptions) {
    this.machine = new RecordingStateMachine(options.clock);
    this.deviations = options.deviations ?? FAITHFUL;
    const maxDrift = options.maxDriftMs * SAMPLES_PER_MS;
    if (maxDrift + 160 >= SETTLE_AFTER_SAMPLES) throw new RangeError(`maxDriftMs ${options.maxDriftMs} must stay below ${SETTLE_AFTER_SAMPLES / SAMPLES_PER_MS - 20} ms (audio settles into the file after that)`);
    this.tracks = [new ChannelTrack(maxDrift, TRACK_BLOCK_SAMPLES, this.deviations.closeMediaGaps), new ChannelTrack(maxDrift, TRACK_BLOCK_SAMPLES, this.deviations.closeMediaGaps)];
    options.mediaSockets.forEach((socket, label) => socket.on('message', (packet) => this.receive(label as 0 | 1, packet)));
  }

  get id(): string {
    return this.options.id;
  }

  get state(): RecordingState {
    return this.machine.state;
  }

  get events(): readonly RecordingEvent[] {
    return this.machine.events;
  }

  /** Applies a command at the time it arrived; throws RecordingStateError when the state forbids it. */
  command(name: RecordingCommandName): RecordingEvent {
    const event = this.machine.apply(name);
    if (name === 'start') this.startedAtMs = event.atMs;
    const position = this.startedAtMs === undefined ? 0 : (event.atMs - this.startedAtMs) * SAMPLES_PER_MS;
    if (name === 'pause') this.pauses++;
    if (name === 'resume') this.arrivalShift = -this.deviations.resumeEarlySamples * this.pauses;
    this.tracks.forEach((track, channel) => {
      if (name === 'start') track.beginSegment(position);
      else if (name === 'stop') track.endSegment(position);
      else if (this.pauseApplies(channel as 0 | 1)) {
        if (name === 'resume') track.beginSegment(position - this.deviations.resumeEarlySamples * this.pauses);
        else track.endSegment(position);
      }
    });
    for (const listener of this.commandListeners) listener(event);
    return event;
  }

  /** Whether pause/resume reach this channel's track (always, unless a mutant says otherwise). */
  private pauseApplies(channel: 0 | 1): boolean {
    const d = this.deviations;
    return !d.keepWritingWhilePaused && this.pauses <= d.honouredPauses && d.pausedChannels.includes(channel);
  }

  /** Resolves once no write of settled audio is in flight (tests and benchmarks wait on it). */
  async settledWritten(): Promise<void> {
    await this.spooling;
  }

  /** Called after each command has taken effect on the tracks. */
  onCommand(listener: (event: RecordingEvent) => void): void {
    this.commandListeners.push(listener);
  }

  /**
   * Stops the recording if it is live, closes the media sockets and writes the files (once; later
   * calls get the same result). A session stopped before it started leaves no files.
   */
  finish(): Promise<RecordingMetadata | undefined> {
    if (this.finished) return this.finished;
    // The stop below runs the command listeners at once, and one may call finish() again (the
    // server finishes a session on its stop event): the promise must be in place before that.
    let settle!: { resolve: (m: RecordingMetadata | undefined) => void; reject: (e: unknown) => void };
    this.finished = new Promise((resolve, reject) => (settle = { resolve, reject }));
    this.writeFiles().then(settle.resolve, settle.reject);
    return this.finished;
  }

  private async writeFiles(): Promise<RecordingMetadata | undefined> {
    if (this.machine.allows('stop')) this.command('stop');
    for (const socket of this.options.mediaSockets) socket.close();
    try {
      if (this.startedAtMs === undefined) return undefined;
      const stopped = this.events.find((e) => e.type === 'stopped')!;
      const totalSamples = Math.round((stopped.atMs - this.startedAtMs) * SAMPLES_PER_MS);
      const metadata = recordingMetadata({ id: this.id, dn: this.options.dn, parameters: this.options.parameters, events: this.events });
      if (this.deviations.dropEvents) metadata.events = [];
      await this.spooling;
      if (this.spoolError !== undefined) throw this.spoolError;
      // Read from the tracks themselves, not copies: nothing writes to a track once the recording has stopped.
      const channels = this.channelReaders(totalSamples);
      const stallMs = this.options.fileFaults?.().writeStallMs;
      const midWavWrite = stallMs === undefined ? undefined : () => new Promise<void>((resolve) => this.options.clock.setTimer(stallMs, resolve));
      await writeRecordingFiles(this.options.paths, { channels, frames: totalSamples, sampleRate: SAMPLES_PER_MS * 1000 }, metadata, { midWavWrite, spool: this.spool });
      return metadata;
    } catch (error) {
      await this.spool?.discard();
      throw error;
    } finally {
      // The audio is in the file (or lost with it): its storage goes back for later recordings.
      for (const track of this.tracks) track.release();
    }
  }


  /** The file's channels in order: label 1 first (reversed under the ms-swaps-channels mutant). */
  private channelReaders(length: number): SampleReader[] {
    const channels = this.tracks.map((t) => t.reader(length));
    if (this.deviations.swapChannels) channels.reverse();
    return channels;
  }

  /**
   * Puts settled audio in the file while the recording runs, whole chunks at a time, one write in
   * flight per session: a track then holds only the last seconds, not the whole call.
   */
  private spoolSettled(nowSample: number): void {
    if (this.spooling || this.spoolError !== undefined || this.state === RecordingState.Stopped) return;
    const from = this.tracks[0].settledLength;
    const chunks = Math.floor((nowSample - SETTLE_AFTER_SAMPLES - from) / CHUNK_FRAMES);
    if (chunks < 1) return;
    const upTo = from + chunks * CHUNK_FRAMES;
    for (const track of this.tracks) track.settle(upTo);
    const channels = this.channelReaders(upTo);
    this.spooling = (async () => {
      this.spool ??= await WavSpool.open(this.options.paths.wav, 2, SAMPLES_PER_MS * 1000);
      await this.spool.append(channels, upTo);
      for (const track of this.tracks) track.releaseSettled();
    })().catch((error: unknown) => {
      this.spoolError = error;
    }).finally(() => {
      this.spooling = undefined;
    });
  }

  private receive(label: 0 | 1, bytes: Buffer): void {
    const faults = this.options.mediaFaults?.();
    if (faults?.dropRtp) return;
    if (faults && faults.rtpDelayMs > 0) {
      this.options.clock.setTimer(faults.rtpDelayMs, () => this.handle(label, bytes));
      return;
    }
    this.handle(label, bytes);
  }

  private handle(label: 0 | 1, bytes: Buffer): void {
    const counters = this.media[label];
    counters.received++;
    if (!readRtpMedia(bytes, rtp)) {
      counters.malformed++;
      return;
    }
    if (rtp.payloadType !== 0 && rtp.payloadType !== 8) {
      counters.unsupportedPayload++;
      return;
    }
    if (this.startedAtMs === undefined || this.state === RecordingState.Stopped) return; // only while the recording runs
    const arrivalSample = (this.options.clock.now() - this.startedAtMs) * SAMPLES_PER_MS + this.arrivalShift;
    this.tracks[label].accept({
      arrivalSample,
      ssrc: rtp.ssrc,
      timestamp: rtp.timestamp,
      pcm: decodePayload(lawOfPayloadType(rtp.payloadType), bytes),
    });
    this.spoolSettled(arrivalSample);
  }
}
