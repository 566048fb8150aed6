/**
 * A small builder for SIPp XML scenarios, for the one call shape the suite needs most: a UAC that
 * calls, waits for the answer, plays a pcap of audio, holds the call, then hangs up. SIPp fills the
 * [bracketed] keywords per call. SIP text goes in CDATA (SIPp's parser does not decode entities in
 * it); attribute values given here are XML-escaped.
 */

export interface UacPcapCall {
  name: string;
  /** The pcap SIPp plays after the ACK (play_pcap_audio), a path SIPp can open. */
  audioPcap: string;
  /** How long the call lasts after the ACK (ms), then SIPp sends BYE. */
  holdMs: number;
  /** Retransmission interval of the INVITE and BYE over UDP (ms, SIPp's retrans=). */
  retransmitMs?: number;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** SIP text inside <send>, in CDATA; text that would close the CDATA early is refused. */
function send(lines: string[], attributes = ''): string {
  const text = lines.join('\n');
  if (text.includes(']]>')) throw new Error('SIP text for a SIPp <send> must not contain "]]>"');
  return `  <send${attributes}>\n    <![CDATA[\n${text}\n    ]]>\n  </send>`;
}

const INVITE = [
  'INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0',
  'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
  'From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPp[call_number]',
  'To: <sip:[service]@[remote_ip]:[remote_port]>',
  'Call-ID: [call_id]',
  'CSeq: 1 INVITE',
  'Contact: <sip:sipp@[local_ip]:[local_port]>',
  'Max-Forwards: 70',
  'Content-Type: application/sdp',
  'Content-Length: [len]',
  '',
  'v=0',
  'o=sipp [pid][call_number] 1 IN IP[local_ip_type] [local_ip]',
  's=-',
  'c=IN IP[media_ip_type] [media_ip]',
  't=0 0',
  'm=audio [media_port] RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'a=sendrecv',
  '',
];

const inDialog = (method: 'ACK' | 'BYE', cseq: number): string[] => [
  `${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0`,
  `Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]`,
  'From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPp[call_number]',
  'To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]',
  'Call-ID: [call_id]',
  `CSeq: ${cseq} ${method}`,
  'Contact: <sip:sipp@[local_ip]:[local_port]>',
  'Max-Forwards: 70',
  'Content-Length: 0',
  '',
];

export function uacPcapCallXml(call: UacPcapCall): string {
  const retrans = ` retrans="${call.retransmitMs ?? 500}"`;
  return [
    '<?xml version="1.0" encoding="ISO-8859-1" ?>',
    `<scenario name="${escapeXml(call.name)}">`,
    send(INVITE, retrans),
    '  <recv response="100" optional="true"/>',
    '  <recv response="180" optional="true"/>',
    '  <recv response="183" optional="true"/>',
    '  <recv response="200" rtd="true"/>',
    send(inDialog('ACK', 1)),
    `  <nop><action><exec play_pcap_audio="${escapeXml(call.audioPcap)}"/></action></nop>`,
    `  <pause milliseconds="${Math.round(call.holdMs)}"/>`,
    send(inDialog('BYE', 2), retrans),
    '  <recv response="200" crlf="true"/>',
    '</scenario>',
    '',
  ].join('\n');
}
