/**
 * The parser torture messages of RFC 4475 section 3.1 (valid, 3.1.1; invalid, 3.1.2), written
 * out from the RFC. Its notations are expanded: <allOneLine> joins lines, <repeat count=N>x</repeat>
 * is x.repeat(N), <hex>..</hex> are those bytes. Each vector says what the RFC expects of a
 * receiver: parse it (`valid`), answer 400 (`reject`), 505 for the unknown version, or drop a
 * malformed response (`dropResponse`).
 */
export interface TortureVector {
  section: string;
  name: string;
  bytes: Buffer;
  expect: 'valid' | 'reject' | 'version' | 'dropResponse';
}

const CRLF = '\r\n';
const lines = (...l: string[]): string => l.join(CRLF);
const msg = (head: string[], body = ''): Buffer => Buffer.from(lines(...head) + CRLF + CRLF + body, 'utf8');

/** The SDP body most vectors carry (150 octets with a one-digit final address octet). */
function sdp(origin: string, connection = origin, extra = ''): string {
  return lines('v=0', `o=mhandley 29739 7272939 IN IP4 ${origin}`, 's=-', `c=IN IP4 ${connection}`, 't=0 0', 'm=audio 49217 RTP/AVP 0 12', `m=video 3227 RTP/AVP 31${extra}`, 'a=rtpmap:31 LPC', '');
}

// The application/octet-stream part of mpart01 (a PKCS#7 blob, 342 octets; shown in hex in the RFC).
const MPART01_BLOB = Buffer.from(
  'MIIBUgYJKoZIhvcNAQcCoIIBQzCCAT8CAQExCTAHBgUrDgMCGjALBgkqhkiG9w0BBwExggEgMIIBHAIBATB8MHAxCzAJBgNVBAYTAlVT' +
    'MRMwEQYDVQQIEwpDYWxpZm9ybmlhMREwDwYDVQQHEwhTYW4gSm9zZTEOMAwGA1UEChMFc2lwaXQxKTAnBgNVBAsTIFNpcGl0IFRlc3Qg' +
    'Q2VydGlmaWNhdGUgQXV0aG9yaXR5AggBlQBxAjMBEzAHBgUrDgMCGjANBgkqhkiG9w0BAQEFAASBgI70ZvlI8FIt0uWXjp2Vquny/hWg' +
    'ZllxYpLo2iqo2DUKaM7/rjy9K/8Wdd3VZI5ZPdZHKPJiIPfpQXSeMw2aFe2r25PRDEIQLntyidKcwMmuLvvHwM/5Fy87An5PwCfhVG3k' +
    'tqo6uz5mzMtd1sZLg4MUnLjm/xgtlE/le2W8mdAF',
  'base64',
);

const wsinv = msg(
  [
    'INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0',
    'TO :',
    ' sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n',
    'from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>',
    '  ;',
    '  tag = 98asjd8',
    'MaX-fOrWaRdS: 0068',
    'Call-ID: wsinv.ndaksdj@192.0.2.1',
    'Content-Length   : 150',
    'cseq: 0009',
    '  INVITE',
    'Via  : SIP  /   2.0',
    ' /UDP',
    '    192.0.2.2;branch=390skdjuw',
    's :',
    'NewFangledHeader:   newfangled value',
    ' continued newfangled value',
    'UnknownHeaderWithUnusualValue: ;;,,;;,;',
    'Content-Type: application/sdp',
    'Route:',
    ' <sip:services.example.com;lr;unknownwith=value;unknown-no-value>',
    'v:  SIP  / 2.0  / TCP     spindle.example.com   ;',
    '  branch  =   z9hG4bK9ikj8  ,',
    ' SIP  /    2.0   / UDP  192.168.255.111   ; branch=',
    ' z9hG4bK30239',
    'm:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =',
    '      newvalue ;',
    '  secondparam ; q = 0.33',
  ],
  sdp('192.0.2.3', '192.0.2.4'),
);

const intmeth = msg([
  "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0",
  "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~",
  'To: "BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f" <sip:1_unusual.URI~(to-be!sure)&isn\'t+it$/crazy?,/;;*@example.com>',
  "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com> ;fromParam''~+*_!.-%=\"\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439\";tag=_token~1'+`*%!-.",
  'Call-ID: intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{',
  "CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~",
  'Max-Forwards: 255',
  "extensionHeader-!.%*+_`'~:\ufeff\u5927\u505c\u96fb",
  'Content-Length: 0',
]);

const esc01 = msg(
  [
    'INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0',
    'To: sip:%75se%72@example.com',
    'From: <sip:I%20have%20spaces@example.net>;tag=938',
    'Max-Forwards: 87',
    'i: esc01.239409asdfakjkn23onasd0-3234',
    'CSeq: 234234 INVITE',
    'Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw',
    'C: application/sdp',
    'Contact:',
    '  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>',
    'Content-Length: 150',
  ],
  sdp('192.0.2.1'),
);

const escnull = msg([
  'REGISTER sip:example.com SIP/2.0',
  'To: sip:null-%00-null@example.com',
  'From: sip:null-%00-null@example.com;tag=839923423',
  'Max-Forwards: 70',
  'Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd',
  'CSeq: 14398234 REGISTER',
  'Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw',
  'Contact: <sip:%00@host5.example.com>',
  'Contact: <sip:%00%00@host5.example.com>',
  'L:0',
]);

const esc02 = msg([
  'RE%47IST%45R sip:registrar.example.com SIP/2.0',
  'To: "%Z%45" <sip:resource@example.com>',
  'From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23',
  'Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf',
  'Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234',
  'CSeq: 29344 RE%47IST%45R',
  'Max-Forwards: 70',
  'Contact: <sip:alias1@host1.example.com>',
  'C%6Fntact: <sip:alias2@host2.example.com>',
  'Contact: <sip:alias3@host3.example.com>',
  'l: 0',
]);

const lwsdisp = msg([
  'OPTIONS sip:user@example.com SIP/2.0',
  'To: sip:user@example.com',
  'From: caller<sip:caller@example.com>;tag=323',
  'Max-Forwards: 70',
  'Call-ID: lwsdisp.1234abcd@funky.example.com',
  'CSeq: 60 OPTIONS',
  'Via: SIP/2.0/UDP funky.example.com;branch=z9hG4bKkdjuw',
  'l: 0',
]);

const longVias = Array.from({ length: 33 }, (_, i) => 33 - i).map((n) => {
  const names: Record<number, string> = { 32: 'v: ', 31: 'V: ', 29: 'ViA: ', 28: 'VIa: ', 27: 'VIA: ', 26: 'via: ', 25: 'viA: ', 24: 'vIa: ', 23: 'vIA: ', 22: 'V :  ', 21: 'v :  ', 20: 'V  : ', 19: 'v  : ', 18: 'Via : ', 17: 'Via  : ' };
  return `${names[n] ?? 'Via: '}SIP/2.0/TCP sip${n}.example.com`;
});

const longreq = msg(
  [
    'INVITE sip:user@example.com SIP/2.0',
    `To: "I have a user name of ${'extreme'.repeat(10)} proportion"<sip:user@example.com:6000;unknownparam1=very${'long'.repeat(20)}value;longparam${'name'.repeat(25)}=shortvalue;very${'long'.repeat(25)}ParameterNameWithNoValue>`,
    `F: sip:${'amazinglylongcallername'.repeat(5)}@example.net;tag=12${'982'.repeat(50)}424;unknownheaderparam${'name'.repeat(20)}=unknowheaderparam${'value'.repeat(15)};unknownValueless${'paramname'.repeat(10)}`,
    `Call-ID: longreq.one${'really'.repeat(20)}longcallid`,
    'CSeq: 3882340 INVITE',
    `Unknown-${'Long'.repeat(20)}-Name: unknown-${'long'.repeat(20)}-value; unknown-${'long'.repeat(20)}-parameter-name = unknown-${'long'.repeat(20)}-parameter-value`,
    ...longVias,
    `Via: SIP/2.0/TCP host.example.com;received=192.0.2.5;branch=very${'long'.repeat(50)}branchvalue`,
    'Max-Forwards: 70',
    `Contact: <sip:${'amazinglylongcallername'.repeat(5)}@host5.example.net>`,
    'Content-Type: application/sdp',
    'l: 150',
  ],
  sdp('192.0.2.1'),
);

const dblreq = Buffer.concat([
  msg([
    'REGISTER sip:example.com SIP/2.0',
    'To: sip:j.user@example.com',
    'From: sip:j.user@example.com;tag=43251j3j324',
    'Max-Forwards: 8',
    'I: dblreq.0ha0isndaksdj99sdfafnl3lk233412',
    'Contact: sip:j.user@host.example.com',
    'CSeq: 8 REGISTER',
    'Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492',
    'Content-Length: 0',
  ]),
  msg(
    [
      '',
      'INVITE sip:joe@example.com SIP/2.0',
      't: sip:joe@example.com',
      'From: sip:caller@example.net;tag=141334',
      'Max-Forwards: 8',
      'Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15',
      'CSeq: 8 INVITE',
      'Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw380234',
      'Content-Type: application/sdp',
      'Content-Length: 150',
    ],
    lines('v=0', 'o=mhandley 29739 7272939 IN IP4 192.0.2.15', 's=-', 'c=IN IP4 192.0.2.15', 't=0 0', 'm=audio 49217 RTP/AVP 0 12', 'm =video 3227 RTP/AVP 31', 'a=rtpmap:31 LPC', ''),
  ),
]);

const semiuri = msg([
  'OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0',
  'To: sip:j_user@example.com',
  'From: sip:caller@example.org;tag=33242',
  'Max-Forwards: 3',
  'Call-ID: semiuri.0ha0isndaksdj',
  'CSeq: 8 OPTIONS',
  'Accept: application/sdp, application/pkcs7-mime,',
  '        multipart/mixed, multipart/signed,',
  '        message/sip, message/sipfrag',
  'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw',
  'l: 0',
]);

const transports = msg([
  'OPTIONS sip:user@example.com SIP/2.0',
  'To: sip:user@example.com',
  'From: <sip:caller@example.com>;tag=323',
  'Max-Forwards: 70',
  'Call-ID:  transports.kijh4akdnaqjkwendsasfdj',
  'Accept: application/sdp',
  'CSeq: 60 OPTIONS',
  'Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw',
  'Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf',
  'Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj',
  'Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en',
  'Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee',
  'l: 0',
]);

const mpart01 = Buffer.concat([
  msg(
    [
      'MESSAGE sip:kumiko@example.org SIP/2.0',
      'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-;rport',
      'Max-Forwards: 70',
      'Route: <sip:127.0.0.1:5080>',
      'Identity: r5mwreLuyDRYBi/0TiPwEsY3rEVsk/G2WxhgTV1PF7hHuLIK0YWVKZhKv9Mj8UeXqkMVbnVq37CD+813gvYjcBUaZngQmXc9WNZSDNGCzA+fWl9MEUHWIZo1CeJebdY/XlgKeTa0Olvq0rt70Q5jiSfbqMJmQFteeivUhkMWYUA=',
      'Contact: <sip:fluffy@127.0.0.1:5070>',
      'To: <sip:kumiko@example.org>',
      'From: <sip:fluffy@example.com>;tag=2fb0dcc9',
      'Call-ID: 3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..',
      'CSeq: 1 MESSAGE',
      'Content-Transfer-Encoding: binary',
      'Content-Type: multipart/mixed;boundary=7a9cbec02ceef655',
      'Date: Sat, 15 Oct 2005 04:44:56 GMT',
      'User-Agent: SIPimp.org/0.2.5 (curses)',
      'Content-Length: 553',
    ],
    lines('--7a9cbec02ceef655', 'Content-Type: text/plain', 'Content-Transfer-Encoding: binary', '', 'Hello', '--7a9cbec02ceef655', 'Content-Type: application/octet-stream', 'Content-Transfer-Encoding: binary', '', ''),
  ),
  MPART01_BLOB,
  Buffer.from(`${CRLF}--7a9cbec02ceef655--${CRLF}`),
]);

const unreason = msg(
  [
    'SIP/2.0 200 = 2**3 * 5**2 \u043d\u043e \u0441\u0442\u043e \u0434\u0435\u0432\u044f\u043d\u043e\u0441\u0442\u043e \u0434\u0435\u0432\u044f\u0442\u044c - \u043f\u0440\u043e\u0441\u0442\u043e\u0435',
    'Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923',
    'Call-ID: unreason.1234ksdfak3j2erwedfsASdf',
    'CSeq: 35 INVITE',
    'From: sip:user@example.com;tag=11141343',
    'To: sip:user@example.edu;tag=2229',
    'Content-Length: 154',
    'Content-Type: application/sdp',
    'Contact: <sip:user@host198.example.com>',
  ],
  sdp('192.0.2.198'),
);

const noreason = msg([
  'SIP/2.0 100 ',
  'Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe',
  'Call-ID: noreason.asndj203insdf99223ndf',
  'CSeq: 35 INVITE',
  'From: <sip:user@example.com>;tag=39ansfi3',
  'To: <sip:user@example.edu>;tag=902jndnke3',
  'Content-Length: 0',
  'Contact: <sip:user@host105.example.com>',
]);

export const VALID_VECTORS: TortureVector[] = [
  { section: '3.1.1.1', name: 'wsinv', bytes: wsinv, expect: 'valid' },
  { section: '3.1.1.2', name: 'intmeth', bytes: intmeth, expect: 'valid' },
  { section: '3.1.1.3', name: 'esc01', bytes: esc01, expect: 'valid' },
  { section: '3.1.1.4', name: 'escnull', bytes: escnull, expect: 'valid' },
  { section: '3.1.1.5', name: 'esc02', bytes: esc02, expect: 'valid' },
  { section: '3.1.1.6', name: 'lwsdisp', bytes: lwsdisp, expect: 'valid' },
  { section: '3.1.1.7', name: 'longreq', bytes: longreq, expect: 'valid' },
  { section: '3.1.1.8', name: 'dblreq', bytes: dblreq, expect: 'valid' },
  { section: '3.1.1.9', name: 'semiuri', bytes: semiuri, expect: 'valid' },
  { section: '3.1.1.10', name: 'transports', bytes: transports, expect: 'valid' },
  { section: '3.1.1.11', name: 'mpart01', bytes: mpart01, expect: 'valid' },
  { section: '3.1.1.12', name: 'unreason', bytes: unreason, expect: 'valid' },
  { section: '3.1.1.13', name: 'noreason', bytes: noreason, expect: 'valid' },
];

export { INVALID_VECTORS } from './rfc4475-invalid';
