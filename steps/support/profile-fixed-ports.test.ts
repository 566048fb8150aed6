import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseProfile } from '../../profiles/load-profile';
import { tcpdumpArguments } from '../../simulators/pcap/loopback-capture';
import { fixedPortsOf } from './profile-fixed-ports';

const profile = (file: string) => parseProfile(parse(readFileSync(join(__dirname, '..', '..', 'profiles', file), 'utf8')), file);

test("an external SUT's fixed addresses, ms.listen and trunk peers join the capture filter; an embedded run fixes none", () => {
  const external = fixedPortsOf(profile('call-control-external.example.yaml'));
  for (const port of [19060, 19070, 19090, 19080]) assert.ok(external.includes(port), `port ${port} of the external profile`);
  assert.deepEqual(fixedPortsOf(profile('default.yaml')), []);
  const filter = tcpdumpArguments('x.pcap', { first: 20000, last: 20099 }, 'lo', [19060, 19090, 19060]).at(-1);
  assert.equal(filter, '(udp or tcp) and (portrange 20000-20099 or port 19060 or port 19090)');
  assert.equal(tcpdumpArguments('x.pcap', { first: 20000, last: 20099 }).at(-1), '(udp or tcp) and (portrange 20000-20099)');
});
