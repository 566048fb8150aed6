import { SipMessage } from './sip-message';

/**
 * Writes a message to bytes: start line, header fields in order with their names as written,
 * an empty line, the body. Content-Length always states the body's real length: an existing field
 * is updated in place (keeping a compact "l"), a missing one is appended. A parsed message whose
 * fields used "Name: value" spelling and a correct Content-Length comes back byte for byte.
 */
export function serializeMessage(message: SipMessage): Buffer {
  const { headers, body } = message;
  const length = String(body.length);
  let head = `${message.startLine()}\r\n`;
  let sawLength = false;
  const count = headers.count;
  for (let i = 0; i < count; i++) {
    const key = headers.keyAt(i);
    let value = headers.valueAt(i);
    if (key === 'content-length') {
      if (sawLength) continue; // one Content-Length only
      sawLength = true;
      if (value !== length) {
        headers.setValueAt(i, length);
        value = length;
      }
    }
    head += `${headers.nameAt(i)}: ${value}\r\n`;
  }
  if (!sawLength) {
    headers.appendRaw('Content-Length', 'content-length', length);
    head += `Content-Length: ${length}\r\n`;
  }
  head += '\r\n';
  const encoding = message.headerEncoding;
  const headBytes = encoding === 'latin1' ? head.length : Buffer.byteLength(head, 'utf8');
  const out = Buffer.allocUnsafe(headBytes + body.length);
  out.write(head, 0, headBytes, headBytes === head.length ? 'latin1' : 'utf8');
  if (body.length > 0) body.copy(out, headBytes);
  return out;
}

/** The message as text (body decoded as UTF-8), for logs and tests. */
export function messageToString(message: SipMessage): string {
  return serializeMessage(message).toString('utf8');
}
