import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSippScreen, parseSippStatFile, SippStatisticsError } from './sipp-statistics';
import { sippExit } from './sipp-exit-codes';

// Written by SIPp 3.6.1 here: `sipp -sn uac -m 3 … -trace_stat -trace_screen` against `sipp -sn uas`.
const HEADER = 'StartTime;LastResetTime;CurrentTime;ElapsedTime(P);ElapsedTime(C);TargetRate;CallRate(P);CallRate(C);IncomingCall(P);IncomingCall(C);OutgoingCall(P);OutgoingCall(C);TotalCallCreated;CurrentCall;SuccessfulCall(P);SuccessfulCall(C);FailedCall(P);FailedCall(C);FailedCannotSendMessage(P);FailedCannotSendMessage(C);FailedMaxUDPRetrans(P);FailedMaxUDPRetrans(C);FailedTcpConnect(P);FailedTcpConnect(C);FailedTcpClosed(P);FailedTcpClosed(C);FailedUnexpectedMessage(P);FailedUnexpectedMessage(C);FailedCallRejected(P);FailedCallRejected(C);FailedCmdNotSent(P);FailedCmdNotSent(C);FailedRegexpDoesntMatch(P);FailedRegexpDoesntMatch(C);FailedRegexpShouldntMatch(P);FailedRegexpShouldntMatch(C);FailedRegexpHdrNotFound(P);FailedRegexpHdrNotFound(C);FailedOutboundCongestion(P);FailedOutboundCongestion(C);FailedTimeoutOnRecv(P);FailedTimeoutOnRecv(C);FailedTimeoutOnSend(P);FailedTimeoutOnSend(C);FailedTestDoesntMatch(P);FailedTestDoesntMatch(C);FailedTestShouldntMatch(P);FailedTestShouldntMatch(C);FailedStrcmpDoesntMatch(P);FailedStrcmpDoesntMatch(C);FailedStrcmpShouldntMatch(P);FailedStrcmpShouldntMatch(C);OutOfCallMsgs(P);OutOfCallMsgs(C);DeadCallMsgs(P);DeadCallMsgs(C);Retransmissions(P);Retransmissions(C);AutoAnswered(P);AutoAnswered(C);Warnings(P);Warnings(C);FatalErrors(P);FatalErrors(C);WatchdogMajor(P);WatchdogMajor(C);WatchdogMinor(P);WatchdogMinor(C);ResponseTime1(P);ResponseTime1(C);ResponseTime1StDev(P);ResponseTime1StDev(C);CallLength(P);CallLength(C);CallLengthStDev(P);CallLengthStDev(C);ResponseTimeRepartition1;ResponseTimeRepartition1_<10;ResponseTimeRepartition1_<20;ResponseTimeRepartition1_<30;ResponseTimeRepartition1_<40;ResponseTimeRepartition1_<50;ResponseTimeRepartition1_<100;ResponseTimeRepartition1_<150;ResponseTimeRepartition1_<200;ResponseTimeRepartition1_>=200;CallLengthRepartition;CallLengthRepartition_<10;CallLengthRepartition_<50;CallLengthRepartition_<100;CallLengthRepartition_<500;CallLengthRepartition_<1000;CallLengthRepartition_<5000;CallLengthRepartition_<10000;CallLengthRepartition_>=10000;';
const FINAL_ROW = '2026-12-04\t00:53:48.072998\t1796345628.072998;2026-12-04\t00:53:49.083659\t1796345629.083659;2026-12-04\t00:53:49.083805\t1796345629.083805;00:00:00;00:00:01;3;0;2.9703;0;0;0;3;3;0;0;3;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;00:00:00:000000;00:00:00:001000;00:00:00:000000;00:00:00:002000;00:00:00:000000;00:00:00:008000;00:00:00:000000;00:00:00:000000;;3;0;0;0;0;0;0;0;0;;3;0;0;0;0;0;0;0;';

test('sipp stats: the last -trace_stat row gives the cumulative counters', () => {
  const stats = parseSippStatFile(`${HEADER}\n${FINAL_ROW}\n`);
  assert.equal(stats.outgoingCalls, 3);
  assert.equal(stats.successfulCalls, 3);
  assert.equal(stats.failedCalls, 0);
  assert.deepEqual(stats.failedBy, {});
  assert.equal(stats.currentCalls, 0);
  assert.equal(stats.elapsedSeconds, 1);
});

test('sipp stats: failure counters are named by reason; a file without rows is an error', () => {
  const names = HEADER.split(';');
  const row = FINAL_ROW.split(';');
  row[names.indexOf('FailedCall(C)')] = '2';
  row[names.indexOf('FailedTimeoutOnRecv(C)')] = '2';
  row[names.indexOf('SuccessfulCall(C)')] = '1';
  const stats = parseSippStatFile(`${HEADER}\n${FINAL_ROW}\n${row.join(';')}`);
  assert.equal(stats.failedCalls, 2);
  assert.deepEqual(stats.failedBy, { TimeoutOnRecv: 2 });
  assert.throws(() => parseSippStatFile(HEADER), SippStatisticsError);
});

const SCREEN = '------------------------------ Scenario Screen -------- [1-9]: Change Screen --\n  Call rate (length)   Port   Total-time  Total-calls  Remote-host\n  3.0(0 ms)/1.000s   47062      1.01 s            3  127.0.0.1:47061(UDP)\n\n  Call limit 3 hit, 0.0 s period          0 ms scheduler resolution            \n  0 calls (limit 3)                       Peak was 1 calls, after 0 s\n  0 Running, 6 Paused, 10 Woken up\n  0 dead call msg (discarded)             0 out-of-call msg (discarded)\n  0 open sockets                          0/0/0 UDP errors (send/recv/cong)\n  0 open sockets                          0/0/0 UDP errors (send/recv/cong)\n\n                                 Messages  Retrans   Timeout   Unexpected-Msg\n      INVITE ---------->         3         0         0                         \n         100 <----------         0         0         0         0               \n         180 <----------         3         0         0         0               \n         183 <----------         0         0         0         0               \n         200 <----------  E-RTD1 3         0         0         0               \n         ACK ---------->         3         0                                   \n       Pause [      0ms]         3                             0        \n         BYE ---------->         3         0         0                         \n         200 <----------         3         0         0         0               \n\n------- Waiting for active calls to end. Press [q] again to force exit. -------\n';

test('sipp screen: the message table becomes rows with their counters', () => {
  const rows = parseSippScreen(SCREEN);
  assert.deepEqual(rows.map((r) => `${r.step} ${r.direction} ${r.count}`), [
    'INVITE sent 3', '100 received 0', '180 received 3', '183 received 0', '200 received 3', 'ACK sent 3', 'Pause [      0ms] other 3', 'BYE sent 3', '200 received 3',
  ]);
  assert.equal(rows[4].unexpected, 0);
  assert.equal(rows[0].retransmissions, 0);
});

test('sipp exit codes: each of defines.h has its meaning, negative ones as their unsigned byte', () => {
  assert.equal(sippExit(0, null).outcome, 'all-calls-succeeded');
  assert.equal(sippExit(1, null).outcome, 'some-calls-failed');
  assert.equal(sippExit(97, null).outcome, 'internal-stop-or-global-timeout');
  assert.equal(sippExit(98, null).outcome, 'unknown-or-signal');
  assert.equal(sippExit(99, null).outcome, 'no-calls-processed');
  assert.equal(sippExit(255, null).outcome, 'fatal-error');
  assert.equal(sippExit(-1, null).outcome, 'fatal-error');
  assert.equal(sippExit(254, null).outcome, 'socket-bind-error');
  assert.equal(sippExit(-2, null).outcome, 'socket-bind-error');
  assert.equal(sippExit(42, null).outcome, 'unknown-exit-code');
  assert.equal(sippExit(null, 'SIGKILL', true).outcome, 'killed-by-harness-timeout');
});
