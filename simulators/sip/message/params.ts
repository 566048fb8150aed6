import * as chars from './char-classes';
import { Cursor } from './cursor';
import * as cursorModule from './cursor';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {COLON, DQUOTE, EQUAL, LBRACKET, RBRACKET, SEMI, TOKEN, scanClass,} = chars;
const { unquote } = cursorModule;

/** One `;name[=value]` parameter; `value` is raw (a quoted-string keeps its quotes). */
export interface SipParam {
  readonly name: string;
  readonly value?: string;
}

export type SipParams = ReadonlyArray<SipParam>;

/** The parameter list of a value that has none (shared: lists are never changed in place). */
export const NO_PARAMS: SipParams = Object.freeze([]);

const VALUE_EXTRA = new Uint8Array(128);
VALUE_EXTRA.set(TOKEN);
VALUE_EXTRA[COLON] = 1; // IPv6 addresses in received= (RFC 3261 via-received)

function eqIgnoreCase(a: string, b: string): boolean {
  return a.length === b.length && (a === b || a.toLowerCase() === b.toLowerCase());
}

export function findParam(params: SipParams, name: string): SipParam | undefined {
  for (let i = 0; i < params.length; i++) if (eqIgnoreCase(params[i].name, name)) return params[i];
  return undefined;
}

export function hasParam(params: SipParams, name: string): boolean {
  return findParam(params, name) !== undefined;
}

/** The value of a parameter (unquoted), or undefined when absent or valueless. */
export function paramValue(params: SipParams, name: string): string | undefined {
  const p = findParam(params, name);
  return p?.value === undefined ? undefined : unquote(p.value);
}

/** `params` with `name` set to `value` (replacing an existing one in place), or removed when null. */
export function withParam(params: SipParams, name: string, value: string | undefined | null): SipParam[] {
  const out: SipParam[] = [];
  let done = false;
  for (const p of params) {
    if (eqIgnoreCase(p.name, name)) {
      if (!done && value !== null) out.push(value === undefined ? { name } : { name, value });
      done = true;
    } else out.push(p);
  }
  if (!done && value !== null) out.push(value === undefined ? { name } : { name, value });
  return out;
}

export function serializeParams(params: SipParams): string {
  let s = '';
  for (const p of params) s += p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`;
  return s;
}

/**
 * generic-param list: *( SEMI generic-param ), generic-param = token [ EQUAL gen-value ],
 * gen-value = token / host / quoted-string (RFC 3261 25.1). Stops before any character that cannot
 * continue the list (a comma ending a list element, or the end); the caller decides if it is allowed.
 */
export function parseParams(cur: Cursor): SipParams {
  let params: SipParam[] | undefined;
  for (;;) {
    const save = cur.pos;
    cur.skipWs();
    if (cur.peek() !== SEMI) {
      cur.pos = save;
      return params ?? NO_PARAMS;
    }
    params ??= [];
    cur.pos++;
    cur.skipWs();
    const name = cur.token('parameter name');
    const afterName = cur.pos;
    cur.skipWs();
    if (cur.peek() !== EQUAL) {
      cur.pos = afterName;
      params.push({ name });
      continue;
    }
    cur.pos++;
    cur.skipWs();
    params.push({ name, value: paramValueText(cur) });
  }
}

function paramValueText(cur: Cursor): string {
  const c = cur.peek();
  if (c === DQUOTE) return cur.quotedString();
  const start = cur.pos;
  if (c === LBRACKET) {
    const close = cur.s.indexOf(']', cur.pos);
    if (close < 0 || close >= cur.end) cur.fail('unterminated IPv6 reference');
    cur.pos = close + 1;
    return cur.s.slice(start, cur.pos);
  }
  cur.pos = scanClass(cur.s, VALUE_EXTRA, cur.pos, cur.end);
  if (cur.pos === start) cur.fail('expected parameter value');
  if (cur.peek() === RBRACKET) cur.fail('unexpected "]"');
  return cur.s.slice(start, cur.pos);
}
