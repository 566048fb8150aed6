import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uacPcapCallXml } from './sipp-scenario';

test('sipp scenario: a UAC that calls, plays its pcap after the ACK, holds, hangs up', () => {
  const xml = uacPcapCallXml({ name: 'a "quoted" <name>', audioPcap: '/tmp/a&b/audio.pcap', holdMs: 10_000 });
  assert.match(xml, /<scenario name="a &quot;quoted&quot; &lt;name&gt;">/);
  const order = ['INVITE sip:[service]@', '<recv response="200" rtd="true"/>', 'ACK sip:', 'play_pcap_audio="/tmp/a&amp;b/audio.pcap"', '<pause milliseconds="10000"/>', 'BYE sip:', '<recv response="200" crlf="true"/>'];
  const positions = order.map((text) => xml.indexOf(text));
  assert.ok(positions.every((p) => p >= 0), `every step is there: ${order.filter((_, i) => positions[i] < 0).join(', ')}`);
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b), 'in this order');
  assert.match(xml, /<!\[CDATA\[\nINVITE/);
  assert.match(xml, /m=audio \[media_port\] RTP\/AVP 0/);
  assert.match(xml, /To: <sip:\[service\]@\[remote_ip\]:\[remote_port\]>\[peer_tag_param\]/);
});
