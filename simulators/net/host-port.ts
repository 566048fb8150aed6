/** An address as "host:port" text and as parts; IPv6 hosts are written in brackets. */
export interface HostPort {
  host: string;
  port: number;
}

export function formatHostPort(address: HostPort): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

export function parseHostPort(text: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) throw new Error(`"${text}" is not host:port`);
  return { host: match[1] ?? match[2], port };
}
