/** Realistic messages shared by unit tests and the parse benchmark corpus. */
export function crlf(lines: string[], body = ''): string {
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

export const SDP_BODY = [
  'v=0',
  'o=alice 2890844526 2890844526 IN IP4 192.0.2.101',
  's=-',
  'c=IN IP4 192.0.2.101',
  't=0 0',
  'm=audio 49172 RTP/AVP 0 8',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=ptime:20',
  'a=sendrecv',
  '',
].join('\r\n');

export function invite(body = SDP_BODY): string {
  return crlf(
    [
      'INVITE sip:bob@biloxi.example.com SIP/2.0',
      'Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;rport',
      'Max-Forwards: 70',
      'To: Bob <sip:bob@biloxi.example.com>',
      'From: "Alice A." <sip:alice@atlanta.example.com>;tag=1928301774',
      'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
      'CSeq: 314159 INVITE',
      'Contact: <sip:alice@pc33.atlanta.example.com>',
      'Content-Type: application/sdp',
      `Content-Length: ${Buffer.byteLength(body)}`,
    ],
    body,
  );
}

export function ok200(body = SDP_BODY): string {
  return crlf(
    [
      'SIP/2.0 200 OK',
      'Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bKnashds8;received=192.0.2.3',
      'Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2',
      'Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1',
      'To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf',
      'From: Alice <sip:alice@atlanta.example.com>;tag=1928301774',
      'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
      'CSeq: 314159 INVITE',
      'Contact: <sip:bob@192.0.2.4>',
      'Record-Route: <sip:server10.biloxi.example.com;lr>, <sip:bigbox3.site3.atlanta.example.com;lr>',
      'Content-Type: application/sdp',
      `Content-Length: ${Buffer.byteLength(body)}`,
    ],
    body,
  );
}

export const MSML_BODY =
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<msml version="1.1"><dialogstart target="conn:7001-1" name="rec"><record dest="file://rec/7001-1.wav" format="audio/wav"/></dialogstart></msml>';

export function infoMsml(): string {
  return crlf(
    [
      'INFO sip:msml=7001-1@192.0.2.50:5070;dn=7001;record SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-info-1;rport',
      'Max-Forwards: 70',
      'From: <sip:sipserver@192.0.2.10>;tag=ss-77',
      'To: <sip:msml=7001-1@192.0.2.50:5070>;tag=ms-12',
      'Call-ID: rec-7001-1@192.0.2.10',
      'CSeq: 2 INFO',
      'Content-Type: application/vnd.radisys.msml+xml',
      `Content-Length: ${Buffer.byteLength(MSML_BODY)}`,
    ],
    MSML_BODY,
  );
}

export function refer(): string {
  return crlf([
    'REFER sip:7001@192.0.2.20:5062 SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.21:5064;branch=z9hG4bK-refer-9',
    'Max-Forwards: 70',
    'From: "Agent 7002" <sip:7002@192.0.2.21>;tag=a7002',
    'To: <sip:7001@192.0.2.20>;tag=a7001',
    'Call-ID: xfer-42@192.0.2.21',
    'CSeq: 5 REFER',
    'Contact: <sip:7002@192.0.2.21:5064>',
    'Refer-To: <sip:7003@192.0.2.10?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>',
    'Referred-By: <sip:7002@192.0.2.21>',
    'Content-Length: 0',
  ]);
}

export function notifySipfrag(): string {
  const body = 'SIP/2.0 200 OK\r\n';
  return crlf(
    [
      'NOTIFY sip:7002@192.0.2.21:5064 SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.20:5062;branch=z9hG4bK-notify-3',
      'Max-Forwards: 70',
      'From: <sip:7001@192.0.2.20>;tag=a7001',
      'To: "Agent 7002" <sip:7002@192.0.2.21>;tag=a7002',
      'Call-ID: xfer-42@192.0.2.21',
      'CSeq: 8 NOTIFY',
      'Contact: <sip:7001@192.0.2.20:5062>',
      'Event: refer',
      'Subscription-State: terminated;reason=noresource',
      'Content-Type: message/sipfrag;version=2.0',
      `Content-Length: ${Buffer.byteLength(body)}`,
    ],
    body,
  );
}

export function unauthorized401(): string {
  return crlf([
    'SIP/2.0 401 Unauthorized',
    'Via: SIP/2.0/UDP 192.0.2.30:5060;branch=z9hG4bK-reg-1;received=192.0.2.30;rport=5060',
    'From: <sip:7001@example.com>;tag=reg-1',
    'To: <sip:7001@example.com>;tag=srv-1',
    'Call-ID: reg-7001@192.0.2.30',
    'CSeq: 1 REGISTER',
    'WWW-Authenticate: Digest realm="example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", opaque="", stale=FALSE, algorithm=MD5, qop="auth"',
    'Content-Length: 0',
  ]);
}

export function compactBye(): string {
  return crlf([
    'BYE sip:alice@pc33.atlanta.example.com SIP/2.0',
    'v: SIP/2.0/TCP 192.0.2.4;branch=z9hG4bKnashds10',
    'Max-Forwards: 70',
    'f: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf',
    't: Alice <sip:alice@atlanta.example.com>;tag=1928301774',
    'i: a84b4c76e66710@pc33.atlanta.example.com',
    'CSeq: 231 BYE',
    'l: 0',
  ]);
}
