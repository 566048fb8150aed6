import * as chars from './char-classes';

// Bound once: per-use access to imported bindings costs a getter call under the CJS loader.
const {COMMA, DQUOTE, LAQUOT, RAQUOT} = chars;

/**
 * Splits a header value at the commas that separate list elements, leaving commas inside quoted
 * strings and angle brackets alone. Elements are trimmed; empty elements are dropped.
 */
export function splitList(value: string): string[] {
  if (value.indexOf(',') < 0) {
    const t = value.trim();
    return t ? [t] : [];
  }
  const out: string[] = [];
  let start = 0;
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inQuote) {
      if (c === 0x5c) i++;
      else if (c === DQUOTE) inQuote = false;
    } else if (c === DQUOTE) inQuote = true;
    else if (c === LAQUOT) inAngle = true;
    else if (c === RAQUOT) inAngle = false;
    else if (c === COMMA && !inAngle) {
      const part = value.slice(start, i).trim();
      if (part) out.push(part);
      start = i + 1;
    }
  }
  const last = value.slice(start).trim();
  if (last) out.push(last);
  return out;
}
