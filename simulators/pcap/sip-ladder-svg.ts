/**
 * A ladder diagram (SVG) of a capture's SIP messages: one column per address, one arrow per message,
 * labelled with the method or status and the time since the first message. Parties the caller can
 * name ("SUT", "media-server") are named; others show their address.
 */
import { CapturedSip } from './capture-reader';

const COLUMN_WIDTH = 190;
const ROW_HEIGHT = 22;
const TOP = 50;
const MARGIN = 80;
/** A ladder past this many messages says how many it left out (a load scenario has thousands). */
export const LADDER_MAX_MESSAGES = 400;

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderSipLadderSvg(messages: readonly CapturedSip[], names: ReadonlyMap<string, string> = new Map()): string {
  const shown = messages.slice(0, LADDER_MAX_MESSAGES);
  const key = (e: { host: string; port: number }): string => `${e.host}:${e.port}`;
  const columns: string[] = [];
  for (const m of shown) for (const k of [key(m.source), key(m.destination)]) if (!columns.includes(k)) columns.push(k);
  const x = (k: string): number => MARGIN + columns.indexOf(k) * COLUMN_WIDTH;
  const width = MARGIN * 2 + Math.max(0, columns.length - 1) * COLUMN_WIDTH;
  const height = TOP + (shown.length + 2) * ROW_HEIGHT;
  const origin = shown[0]?.timeUs ?? 0;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="monospace" font-size="11">`,
    '<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="8" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z"/></marker></defs>',
  ];
  for (const column of columns) {
    const label = names.get(column) ? `${names.get(column)} (${column})` : column;
    parts.push(`<text x="${x(column)}" y="20" text-anchor="middle" font-weight="bold">${escape(label)}</text>`);
    parts.push(`<line x1="${x(column)}" y1="28" x2="${x(column)}" y2="${height - 10}" stroke="#999"/>`);
  }
  shown.forEach((m, i) => {
    const y = TOP + i * ROW_HEIGHT;
    const from = x(key(m.source));
    const to = x(key(m.destination));
    const label = m.method ?? `${m.status} ${m.detail}`;
    const ms = ((m.timeUs - origin) / 1000).toFixed(1);
    parts.push(`<text x="4" y="${y + 4}" fill="#666">${ms}</text>`);
    parts.push(`<line x1="${from}" y1="${y}" x2="${to}" y2="${y}" stroke="${m.method ? '#1f5fa8' : '#2a7d2a'}" marker-end="url(#arrow)"/>`);
    parts.push(`<text x="${(from + to) / 2}" y="${y - 3}" text-anchor="middle">${escape(label)}${m.protocol === 'tcp' ? ' (TCP)' : ''}</text>`);
  });
  if (messages.length > shown.length) {
    parts.push(`<text x="4" y="${height - 16}">… ${messages.length - shown.length} more SIP messages in the pcap</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
