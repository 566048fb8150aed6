import { SipMessageError } from '../errors';
import { canonicalName, headerKey, isListHeader } from './header-names';
import { splitList } from './split-list';

/**
 * The header fields of a message, in order, with the names as written (a compact "v" stays "v").
 * Lookups accept any spelling: get('Via'), get('v') and get('VIA') find the same fields.
 * Values are strings; typed views (Via, NameAddr, CSeq) live on SipMessage and are parsed from here.
 * `version` changes on every mutation so those views know when to re-read.
 */
export class SipHeaders {
  private names: string[] = [];
  private keys: string[] = [];
  private values: string[] = [];
  version = 0;

  get count(): number {
    return this.names.length;
  }

  /** Appends a field whose key is already known (the parser's fast path). */
  appendRaw(name: string, key: string, value: string): void {
    this.names.push(name);
    this.keys.push(key);
    this.values.push(value);
  }

  /**
   * Appends a field copied from a received message: the value was accepted by the parser, so it
   * is not checked again (it may hold what a quoted-pair allows, NUL included).
   */
  addReceived(name: string, value: string): this {
    this.names.push(name);
    this.keys.push(headerKey(name));
    this.values.push(value);
    this.version++;
    return this;
  }

  /** The first field's value, or undefined. */
  get(name: string): string | undefined {
    const key = headerKey(name);
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  has(name: string): boolean {
    return this.keys.indexOf(headerKey(name)) >= 0;
  }

  /** Every value of the header; list headers (Via, Contact, Route, Allow, ...) split at commas. */
  getAll(name: string): string[] {
    const key = headerKey(name);
    const list = isListHeader(key);
    const out: string[] = [];
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i] !== key) continue;
      if (list) for (const part of splitList(this.values[i])) out.push(part);
      else out.push(this.values[i]);
    }
    return out;
  }

  /** The raw field values (one per header line), unsplit. */
  getFields(name: string): string[] {
    const key = headerKey(name);
    const out: string[] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === key) out.push(this.values[i]);
    return out;
  }

  /**
   * Replaces every field of the header by one field per value, at the position of the first one
   * (or at the end). The name keeps the spelling of the field it replaces, so a compact form stays.
   */
  set(name: string, value: string | number | ReadonlyArray<string | number>): this {
    const values = (Array.isArray(value) ? value : [value]).map((v) => checkValue(name, String(v)));
    const key = headerKey(name);
    const first = this.keys.indexOf(key);
    const spelled = first >= 0 ? this.names[first] : canonicalName(name);
    this.removeKey(key);
    const at = first >= 0 ? first : this.names.length;
    this.names.splice(at, 0, ...values.map(() => spelled));
    this.keys.splice(at, 0, ...values.map(() => key));
    this.values.splice(at, 0, ...values);
    this.version++;
    return this;
  }

  /** Appends one field after all others. */
  add(name: string, value: string | number): this {
    this.names.push(isCanonicalSpelling(name) ? name : canonicalName(name));
    this.keys.push(headerKey(name));
    this.values.push(checkValue(name, String(value)));
    this.version++;
    return this;
  }

  /** Inserts one field before the first field of the same header (Via, Record-Route on top). */
  prepend(name: string, value: string): this {
    const key = headerKey(name);
    const first = this.keys.indexOf(key);
    const at = first >= 0 ? first : this.names.length;
    this.names.splice(at, 0, first >= 0 ? this.names[first] : canonicalName(name));
    this.keys.splice(at, 0, key);
    this.values.splice(at, 0, checkValue(name, value));
    this.version++;
    return this;
  }

  /** Removes every field of the header; returns how many there were. */
  remove(name: string): number {
    const n = this.removeKey(headerKey(name));
    if (n > 0) this.version++;
    return n;
  }

  /** [name as written, value] for every field, in order. */
  entries(): Array<[string, string]> {
    return this.names.map((n, i) => [n, this.values[i]]);
  }

  /** Internal iteration for the serializer: no array of pairs is built. */
  forEachField(fn: (name: string, value: string, key: string) => void): void {
    for (let i = 0; i < this.names.length; i++) fn(this.names[i], this.values[i], this.keys[i]);
  }

  /** The position-indexed name, key and value (serializer fast path). */
  nameAt(i: number): string {
    return this.names[i];
  }

  keyAt(i: number): string {
    return this.keys[i];
  }

  valueAt(i: number): string {
    return this.values[i];
  }

  /** Sets the value of field `i` without touching its name (Content-Length on serialization). */
  setValueAt(i: number, value: string): void {
    this.values[i] = value;
    this.version++;
  }

  clone(): SipHeaders {
    const copy = new SipHeaders();
    copy.names = this.names.slice();
    copy.keys = this.keys.slice();
    copy.values = this.values.slice();
    return copy;
  }

  private removeKey(key: string): number {
    let removed = 0;
    for (let i = this.keys.length - 1; i >= 0; i--) {
      if (this.keys[i] === key) {
        this.names.splice(i, 1);
        this.keys.splice(i, 1);
        this.values.splice(i, 1);
        removed++;
      }
    }
    return removed;
  }
}

function isCanonicalSpelling(name: string): boolean {
  return name.length > 1 && /^[A-Za-z0-9!%*_+`'~.-]+$/.test(name) && name !== name.toLowerCase();
}

function checkValue(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) throw new SipMessageError(`${name}: header value may not contain CR, LF or NUL`);
  if (!/^[A-Za-z0-9!%*_+`'~.-]+$/.test(name)) throw new SipMessageError(`"${name}" is not a valid header name`);
  return value.trim();
}
