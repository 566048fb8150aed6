import { randomBytes } from 'node:crypto';
import { BRANCH_COOKIE } from './via';

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A branch unique across space and time, with the RFC 3261 magic cookie (8.1.1.7). */
export function newBranch(): string {
  return `${BRANCH_COOKIE}${randomToken(8)}`;
}

/** A From/To tag: at least 32 bits of randomness (RFC 3261 19.3). */
export function newTag(): string {
  return randomToken(6);
}

/** A Call-ID: random and globally unique (RFC 3261 8.1.1.4). */
export function newCallId(host?: string): string {
  return host ? `${randomToken(12)}@${host}` : randomToken(16);
}
