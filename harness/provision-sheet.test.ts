import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile } from '../profiles/load-profile';
import { renderProvisionSheet, renderProvisionSheetCsv } from './provision-sheet';

test('the provision sheet lists every directory entry with its options and the fixed addresses', () => {
  const profile = parseProfile({
    sut: { name: 'vendor-sip-server', version: '9.1', adapter: 'external', sip: '127.0.0.1:5070' },
    ms: { listen: '127.0.0.1:5090' },
    directory: [
      { role: 'agent', type: 'Extension', dn: '7001', record: true, screen: true },
      { role: 'trunk', type: 'TrunkGroup', dn: '9000', peer: '127.0.0.1:5080' },
      { role: 'login', type: 'AgentLogin', agentId: 'a100', record: true },
    ],
  });
  const sheet = renderProvisionSheet(profile, 'profiles/vendor.yaml');
  assert.match(sheet, /\| agent \| Extension \| DN 7001 \| true \| true \|/);
  assert.match(sheet, /\| trunk \| TrunkGroup \| DN 9000 \| false \| false \| peer 127\.0\.0\.1:5080 \|/);
  assert.match(sheet, /\| login \| AgentLogin \| agentId a100 \| true \| false \|/);
  assert.match(sheet, /Media Server the SUT must record to: `127\.0\.0\.1:5090`/);
  assert.match(sheet, /SUT SIP address the harness uses: `127\.0\.0\.1:5070`/);
});

test('--format csv: one row per directory entry, with its options and peer', () => {
  const profile = parseProfile({
    sut: { name: 'vendor', adapter: 'external', sip: '127.0.0.1:5070', cti: '127.0.0.1:7000' },
    directory: [
      { role: 'agent, recorded', type: 'Extension', dn: '7001', record: true },
      { role: 'trunk', type: 'TrunkGroup', dn: '9000', peer: '127.0.0.1:5080' },
      { role: 'login', type: 'AgentLogin', agentId: 'a100', screen: true },
    ],
  });
  assert.deepEqual(renderProvisionSheetCsv(profile).split('\n'), [
    'role,type,dn,agentId,record,screen,peer,defaultDN',
    '"agent, recorded",Extension,7001,,true,false,,',
    'trunk,TrunkGroup,9000,,false,false,127.0.0.1:5080,',
    'login,AgentLogin,,a100,false,true,,',
  ]);
});
