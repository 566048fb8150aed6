import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSippArguments, SippOptionsError } from './sipp-arguments';

const traces = { statFile: '/w/stat.csv', screenFile: '/w/screen.log', errorFile: '/w/errors.log' };

test('sipp arguments: typed options become flags, one value per element, the remote last', () => {
  const args = buildSippArguments({
    scenario: { file: '/tmp/a dir/uac call.xml' }, local: { host: '127.0.0.1', port: 20010 }, remote: { host: '127.0.0.1', port: 20001 },
    mediaPort: 20020, rate: { calls: 5, periodMs: 1000 }, concurrentLimit: 100, callCount: 100, service: '7001;x=y',
    injections: [{ file: '/w/callers.csv', indexField: 0 }], keys: { agent: '7001' }, receiveTimeoutMs: 5000, globalTimeoutSeconds: 30, traces,
  });
  assert.deepEqual(args, [
    '-sf', '/tmp/a dir/uac call.xml', '-i', '127.0.0.1', '-p', '20010', '-mp', '20020', '-t', 'u1', '-r', '5', '-rp', '1000',
    '-l', '100', '-m', '100', '-s', '7001;x=y', '-inf', '/w/callers.csv', '-infindex', '/w/callers.csv', '0', '-key', 'agent', '7001',
    '-recv_timeout', '5000ms', '-timeout', '30s', '-timeout_error',
    '-trace_stat', '-stf', '/w/stat.csv', '-fd', '1', '-trace_screen', '-screen_file', '/w/screen.log', '-trace_err', '-error_file', '/w/errors.log',
    '-nostdin', '127.0.0.1:20001',
  ]);
});

test('sipp arguments: a built-in UAS has no remote; IPv6 remotes are bracketed', () => {
  const uas = buildSippArguments({ scenario: { builtin: 'uas' }, local: { host: '127.0.0.1', port: 20011 }, rtpEcho: true, traces });
  assert.deepEqual(uas.slice(0, 2), ['-sn', 'uas']);
  assert.ok(uas.includes('-rtp_echo'));
  assert.equal(uas[uas.length - 1], '-nostdin');
  const v6 = buildSippArguments({ scenario: { builtin: 'uac' }, local: { host: '::1', port: 20012 }, remote: { host: '::1', port: 5060 }, traces });
  assert.equal(v6[v6.length - 1], '[::1]:5060');
});

test('sipp arguments: counts that are not positive integers are refused, naming the option', () => {
  assert.throws(() => buildSippArguments({ scenario: { builtin: 'uac' }, local: { host: '127.0.0.1', port: 20013 }, callCount: 0, traces }), SippOptionsError);
  assert.throws(() => buildSippArguments({ scenario: { builtin: 'uac' }, local: { host: '127.0.0.1', port: 20013 }, rate: { calls: 1.5 }, traces }), /rate\.calls/);
});
