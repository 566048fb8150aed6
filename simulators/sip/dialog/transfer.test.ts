import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../time/manual-clock';
import { SipError } from '../errors';
import { IncomingRequest } from '../core/incoming-request';
import { settle as run } from '../test-support/loopback-pair';
import { LoopbackNetwork } from '../transport/loopback-transport';
import { SipUserAgent } from '../user-agent';
import { Dialog } from './dialog';
import { IncomingRefer, acceptRefer } from './incoming-refer';

async function three() {
  const clock = new ManualClock();
  const net = new LoopbackNetwork(clock);
  const errors: SipError[] = [];
  const start = async () => SipUserAgent.start({ transport: net.bind(), clock, onError: (e) => errors.push(e) });
  const caller = await start();
  const agent = await start();
  const target = await start();
  const uri = (ua: SipUserAgent, user: string) => `sip:${user}@${ua.address.host}:${ua.address.port}`;
  return { clock, caller, agent, target, uri, errors };
}

/** The caller's side: accept the REFER, call the target with what the Refer-To asks, report. */
function transferee(caller: SipUserAgent, dialog: Dialog, errors: SipError[], log: string[]): void {
  dialog.onRequest((request: IncomingRequest) => {
    if (request.method !== 'REFER') return void request.respond(request.method === 'BYE' ? 200 : 501);
    const refer: IncomingRefer = acceptRefer(request, (e) => errors.push(e));
    log.push(`refer to ${refer.target} replaces=${refer.replaces ? refer.replaces.callId : '-'}`);
    const call = caller.invite({ uri: refer.target, from: 'sip:caller@127.0.0.1', headers: refer.inviteHeaders() });
    void call.final.then(({ response }) => refer.notify(response.status, response.reason));
  });
}

test('blind transfer: REFER, 202, NOTIFY 100 then 200 (sipfrag), the caller ends up talking to the target', async () => {
  const { clock, caller, agent, target, uri, errors } = await three();
  const log: string[] = [];
  let agentDialog: Dialog | undefined;
  agent.onRequest((r) => (agentDialog = r.accept()));
  target.onRequest((r) => {
    log.push(`target got INVITE Referred-By=${r.message.headers.get('Referred-By') ?? '-'}`);
    r.accept();
  });
  const call = caller.invite({ uri: uri(agent, '7001'), from: 'sip:caller@127.0.0.1' });
  await run(clock);
  const { dialog: callerDialog } = await call.final;
  transferee(caller, callerDialog!, errors, log);

  const refer = agentDialog!.refer(uri(target, '7003'));
  const progress: number[] = [];
  refer.onNotify((frag) => progress.push(frag.status!));
  await run(clock);
  const outcome = await refer.done;
  assert.equal(outcome.response.status, 202);
  assert.equal(outcome.final?.status, 200);
  assert.deepEqual(progress, [100, 200]);
  assert.deepEqual(log, [`refer to ${uri(target, '7003')} replaces=-`, `target got INVITE Referred-By=<sip:7001@127.0.0.1:40001>`]);
  const bye = agentDialog!.bye();
  await run(clock);
  assert.equal((await bye).status, 200);
  assert.equal(caller.core.dialogCount, 1, 'the caller keeps only its call with the target');
  assert.deepEqual(errors, []);
  await Promise.all([caller.close(), agent.close(), target.close()]);
});

test('consultation transfer: REFER with Replaces; the target swaps the consult dialog for the caller', async () => {
  const { clock, caller, agent, target, uri, errors } = await three();
  const log: string[] = [];
  let agentToCaller: Dialog | undefined;
  agent.onRequest((r) => (agentToCaller = r.accept()));
  let consultAtTarget: Dialog | undefined;
  const replacedSeen: Array<Dialog | undefined> = [];
  target.onRequest((r) => {
    const replaced = target.replacedDialog(r);
    replacedSeen.push(replaced);
    const dialog = r.accept();
    if (!replaced) consultAtTarget = dialog;
    else void replaced.bye();
  });
  const call = caller.invite({ uri: uri(agent, '7001'), from: 'sip:caller@127.0.0.1' });
  await run(clock);
  transferee(caller, (await call.final).dialog!, errors, log);
  const consult = agent.invite({ uri: uri(target, '7003'), from: 'sip:7001@127.0.0.1' });
  await run(clock);
  const consultDialog = (await consult.final).dialog!;

  const refer = agentToCaller!.refer(uri(target, '7003'), { replaces: consultDialog });
  assert.match(refer.referTo.toString(), /\?Replaces=[^;>]+%3Bto-tag%3D[^>]+%3Bfrom-tag%3D/);
  await run(clock);
  const outcome = await refer.done;
  assert.equal(outcome.final?.status, 200);
  assert.equal(replacedSeen.length, 2);
  assert.equal(replacedSeen[0], undefined, 'the consultation call replaces nothing');
  assert.equal(replacedSeen[1], consultAtTarget, 'the transferred call replaces the consultation dialog');
  assert.equal(consultDialog.termination?.reason, 'bye-received', 'the target ended the consultation leg');
  assert.match(log[0], new RegExp(`replaces=${consultDialog.callId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.deepEqual(errors, []);
  await Promise.all([caller.close(), agent.close(), target.close()]);
});

test('a REFER the referee declines settles done with the response and no sipfrag', async () => {
  const { clock, caller, agent, uri } = await three();
  let agentDialog: Dialog | undefined;
  agent.onRequest((r) => (agentDialog = r.accept()));
  const call = caller.invite({ uri: uri(agent, '7001'), from: 'sip:caller@127.0.0.1' });
  await run(clock);
  (await call.final).dialog!.onRequest((r) => r.respond(603));
  const refer = agentDialog!.refer('sip:nowhere@127.0.0.1:9');
  await run(clock);
  const outcome = await refer.done;
  assert.equal(outcome.response.status, 603);
  assert.equal(outcome.final, undefined);
  await Promise.all([caller.close(), agent.close()]);
});
