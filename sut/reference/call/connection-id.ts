import { randomBytes } from 'node:crypto';

/** ConnectionIDs are 16 hex digits (DESIGN.md, "CTI bridge protocol"). */
export function newConnectionId(): string {
  return randomBytes(8).toString('hex');
}

export function isConnectionId(text: unknown): text is string {
  return typeof text === 'string' && /^[0-9a-f]{16}$/i.test(text);
}
