// pcap-parser 0.2.1 ships no types: the part of its API the reader uses.
declare module 'pcap-parser' {
  import { EventEmitter } from 'node:events';
  import { Readable } from 'node:stream';
  export interface PcapGlobalHeader { magicNumber: number; majorVersion: number; minorVersion: number; snapshotLength: number; linkLayerType: number }
  export interface PcapPacketHeader { timestampSeconds: number; timestampMicroseconds: number; capturedLength: number; originalLength: number }
  export interface PcapParser extends EventEmitter {
    on(event: 'globalHeader', listener: (header: PcapGlobalHeader) => void): this;
    on(event: 'packet', listener: (packet: { header: PcapPacketHeader; data: Buffer }) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  export function parse(input: string | Readable): PcapParser;
}
