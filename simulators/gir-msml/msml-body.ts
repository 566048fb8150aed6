import { WireProfileError } from './wire-error';

export const MSML_CONTENT_TYPE = 'application/vnd.radisys.msml+xml';
export const RECORDING_DIALOG_NAME = 'rec';

export type RecordingCommand = 'app.pause' | 'app.resume' | 'app.stop';
export type MediaServerEvent = 'app.recordStarted' | 'app.recordStopped';

/** What an MSML body asks or reports, as far as the gir-msml profile uses MSML. */
export type MsmlMessage =
  | { kind: 'dialogstart'; session: string; record: Record<string, string> }
  | { kind: 'command'; session: string; command: RecordingCommand }
  | { kind: 'result'; response: number }
  | { kind: 'event'; session: string; event: MediaServerEvent };

const COMMANDS: readonly string[] = ['app.pause', 'app.resume', 'app.stop'];
const EVENTS: readonly string[] = ['app.recordStarted', 'app.recordStopped'];

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function attributes(values: Record<string, string>): string {
  return Object.entries(values).map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
}

export function buildMsml(message: MsmlMessage): string {
  const wrap = (inner: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<msml version="1.1">${inner}</msml>\n`;
  switch (message.kind) {
    case 'dialogstart':
      return wrap(`<dialogstart target="conn:${message.session}" name="${RECORDING_DIALOG_NAME}"><record${attributes(message.record)}/></dialogstart>`);
    case 'command':
      return wrap(`<send target="conn:${message.session}/dialog:${RECORDING_DIALOG_NAME}" event="${message.command}"/>`);
    case 'result':
      return wrap(`<result response="${message.response}"/>`);
    case 'event':
      return wrap(`<event name="${message.event}" id="conn:${message.session}/dialog:${RECORDING_DIALOG_NAME}"/>`);
  }
}

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
}

/**
 * Reads the small MSML documents of this profile. A deliberately small XML reader: elements,
 * attributes (single or double quotes), the five predefined entities, comments and the prolog;
 * anything else is a WireProfileError naming what was found.
 */
export function parseMsml(body: string): MsmlMessage {
  const root = parseXmlElement(body);
  if (root.name !== 'msml') throw new WireProfileError('MSML', `root element is <${root.name}>, expected <msml>`);
  const [child] = root.children;
  if (!child) throw new WireProfileError('MSML', '<msml> has no child element');
  const sessionOf = (target: string | undefined, suffix: boolean): string => {
    const match = suffix ? /^conn:([^/]+)\/dialog:.+$/.exec(target ?? '') : /^conn:([^/]+)$/.exec(target ?? '');
    if (!match) throw new WireProfileError(`MSML <${child.name}> target`, `"${target ?? ''}" is not conn:<session>${suffix ? '/dialog:<name>' : ''}`);
    return match[1];
  };
  switch (child.name) {
    case 'dialogstart': {
      const record = child.children.find((c) => c.name === 'record');
      if (!record) throw new WireProfileError('MSML <dialogstart>', 'has no <record/>');
      return { kind: 'dialogstart', session: sessionOf(child.attributes.target, false), record: record.attributes };
    }
    case 'send': {
      const command = child.attributes.event ?? '';
      if (!COMMANDS.includes(command)) throw new WireProfileError('MSML <send> event', `"${command}" is not one of ${COMMANDS.join(', ')}`);
      return { kind: 'command', session: sessionOf(child.attributes.target, true), command: command as RecordingCommand };
    }
    case 'result': {
      const response = Number(child.attributes.response);
      if (!Number.isInteger(response)) throw new WireProfileError('MSML <result> response', `"${child.attributes.response ?? ''}" is not a number`);
      return { kind: 'result', response };
    }
    case 'event': {
      const event = child.attributes.name ?? '';
      if (!EVENTS.includes(event)) throw new WireProfileError('MSML <event> name', `"${event}" is not one of ${EVENTS.join(', ')}`);
      return { kind: 'event', session: sessionOf(child.attributes.id, true), event: event as MediaServerEvent };
    }
    default:
      throw new WireProfileError('MSML', `unsupported element <${child.name}>`);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function parseXmlElement(text: string): Element {
  let position = 0;
  const fail = (what: string): never => {
    throw new WireProfileError('MSML', `${what} at offset ${position}`);
  };
  const skipMisc = (): void => {
    for (;;) {
      while (position < text.length && /\s/.test(text[position])) position++;
      if (text.startsWith('<?', position)) {
        const end = text.indexOf('?>', position);
        if (end < 0) fail('unterminated <?...?>');
        position = end + 2;
      } else if (text.startsWith('<!--', position)) {
        const end = text.indexOf('-->', position);
        if (end < 0) fail('unterminated comment');
        position = end + 3;
      } else return;
    }
  };
  const name = (): string => {
    const match = /^[A-Za-z_][\w.:-]*/.exec(text.slice(position, position + 64));
    if (!match) return fail('expected a name');
    position += match[0].length;
    return match[0];
  };
  const decode = (value: string): string =>
    value.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
      if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
      if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
      return ENTITIES[entity] ?? fail(`unknown entity ${whole}`);
    });
  const element = (depth: number): Element => {
    if (depth > 16) fail('elements nested too deep');
    if (text[position] !== '<') fail('expected "<"');
    position++;
    const result: Element = { name: name(), attributes: {}, children: [] };
    for (;;) {
      while (/\s/.test(text[position] ?? '')) position++;
      if (text.startsWith('/>', position)) {
        position += 2;
        return result;
      }
      if (text[position] === '>') {
        position++;
        break;
      }
      const attribute = name();
      while (/\s/.test(text[position] ?? '')) position++;
      if (text[position] !== '=') fail(`expected "=" after attribute ${attribute}`);
      position++;
      while (/\s/.test(text[position] ?? '')) position++;
      const quote = text[position];
      if (quote !== '"' && quote !== "'") fail(`expected a quoted value for attribute ${attribute}`);
      const end = text.indexOf(quote, position + 1);
      if (end < 0) fail(`unterminated value of attribute ${attribute}`);
      result.attributes[attribute] = decode(text.slice(position + 1, end));
      position = end + 1;
    }
    for (;;) {
      skipMisc();
      if (text.startsWith('</', position)) {
        position += 2;
        const closing = name();
        if (closing !== result.name) fail(`</${closing}> closes <${result.name}>`);
        while (/\s/.test(text[position] ?? '')) position++;
        if (text[position] !== '>') fail('expected ">"');
        position++;
        return result;
      }
      if (position >= text.length) fail(`<${result.name}> is not closed`);
      if (text[position] === '<') result.children.push(element(depth + 1));
      else {
        const next = text.indexOf('<', position);
        if (next < 0) fail(`<${result.name}> is not closed`);
        position = next; // character data carries nothing in this profile
      }
    }
  };
  skipMisc();
  const root = element(0);
  skipMisc();
  if (position !== text.length) fail('content after the root element');
  return root;
}
