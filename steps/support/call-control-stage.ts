import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DirectoryEntry, Profile } from '../../profiles/profile-schema';
import { CallControlSut, startCallControlSut } from '../../sut/adapters/call-control-sut';
import { FakeMediaServer } from '../../simulators/media-server/media-server';
import { formatHostPort, parseHostPort } from '../../simulators/net/host-port';
import { PortBlock } from '../../simulators/net/port-block';
import { Phone } from '../../simulators/endpoint/phone';
import { FakeScreenService } from '../../simulators/screen/screen-service';
import { Clock } from '../../simulators/time/clock';
import { DisposerStack } from './disposer-stack';
import { SipTrace } from './sip-trace';

/**
 * What a call-control scenario stands on: the fake Media Server (the measuring instrument), the fake
 * screen-recording service, the far end of every trunk group, and the SUT configured with them.
 * Each part pushes its own teardown.
 */
/**
 * Call-IDs of every recording INVITE an earlier scenario's Media Server took, in this worker. An
 * external SUT reaches the same fixed ms.listen in every scenario (and a port of the block may come
 * round again): its retransmission of an earlier call's INVITE must not count as this scenario's.
 */
const EARLIER_RECORDING_CALL_IDS = new Set<string>();

export class CallControlStage {
  private constructor(
    readonly mediaServer: FakeMediaServer,
    readonly trunkPeers: Map<string, Phone>,
    readonly sut: CallControlSut,
    readonly recordingsRoot: string,
    readonly screenService: FakeScreenService,
  ) {}

  static async start(options: {
    profile: Profile;
    artifactsDir: string;
    portBlock: PortBlock;
    clock: Clock;
    disposers: DisposerStack;
    trace: SipTrace;
  }): Promise<CallControlStage> {
    const { profile, portBlock, clock, disposers, trace } = options;
    const external = profile.sut.adapter === 'external';
    const recordingsRoot = join(options.artifactsDir, 'recordings');
    mkdirSync(recordingsRoot, { recursive: true });
    const msListen = parseHostPort(profile.ms.listen);
    const mediaServer = await FakeMediaServer.start({
      host: msListen.host, port: msListen.port, portBlock, clock, root: recordingsRoot,
      startOn: profile.wire.startOn, duplicateIdStatus: profile.ms.duplicateIdStatus, badDestStatus: profile.ms.badDestStatus,
      onTrace: trace.recorder('media-server'), earlierCallIds: EARLIER_RECORDING_CALL_IDS,
    });
    disposers.push('fake Media Server', async () => {
      await mediaServer.close();
      for (const callId of mediaServer.callIds) EARLIER_RECORDING_CALL_IDS.add(callId);
    });

    // screen.url, when the profile gives one, is where the fake service must listen; else a port of the block.
    const screenListen = profile.screen.url ? new URL(profile.screen.url) : undefined;
    const screenService = await FakeScreenService.start({
      host: screenListen?.hostname ?? '127.0.0.1', port: screenListen?.port ? Number(screenListen.port) : 0, portBlock, clock,
    });
    disposers.push('fake screen-recording service', () => screenService.close());

    const trunkPeers = new Map<string, Phone>();
    const directory: DirectoryEntry[] = [];
    for (const entry of profile.directory) {
      if (entry.type !== 'TrunkGroup') {
        directory.push(entry);
        continue;
      }
      const name = `far end of trunk ${entry.dn}`;
      // An external SUT was provisioned with the profile's fixed peer (rule 22): the far end takes exactly that address.
      const fixed = external && entry.peer ? parseHostPort(entry.peer) : undefined;
      const phone = await Phone.start({
        name, host: fixed?.host ?? '127.0.0.1', portBlock, ...(fixed ? { sipPort: fixed.port } : {}), clock, onTrace: trace.recorder(name),
        sut: { host: '127.0.0.1', port: 0 }, // set below, once the SUT is listening
      });
      disposers.push(name, () => phone.close());
      trunkPeers.set(entry.role, phone);
      directory.push({ ...entry, peer: formatHostPort(phone.address) });
    }

    const sut = await startCallControlSut({ profile, directory, mediaServer: mediaServer.address, screenUrl: screenService.url, portBlock, clock, onTrace: trace.recorder('SUT'), workDir: options.artifactsDir });
    disposers.push(sut.description, () => sut.stop());
    for (const phone of trunkPeers.values()) phone.setSut(sut.sipAddress);
    return new CallControlStage(mediaServer, trunkPeers, sut, recordingsRoot, screenService);
  }

  /**
   * Closes the harness phone at the far end of a trunk group and returns its address, for another
   * instrument (SIPp) to bind: the SUT knows the trunk by that peer address (PROFILE-RULES.md rule 22).
   */
  async releaseTrunkPeer(role: string): Promise<{ host: string; port: number }> {
    const phone = this.trunkPeers.get(role);
    if (!phone) throw new Error(`no trunk group with role "${role}" in the directory`);
    const address = phone.address;
    this.trunkPeers.delete(role);
    await phone.close();
    return address;
  }
}
