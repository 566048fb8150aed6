/**
 * A recorder profile for a Media Server that runs as its own process: the template
 * profiles/recorder-external.example.yaml with the SIP address and recordings root filled in.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { parseProfile } from '../../profiles/load-profile';
import { formatHostPort, HostPort } from '../net/host-port';

export const EXTERNAL_RECORDER_TEMPLATE = join(__dirname, '..', '..', 'profiles', 'recorder-external.example.yaml');

/** The template's text with sut.sip and sut.recordings set (comments kept); validated before it is returned. */
export function externalRecorderProfile(sip: HostPort, recordings: string, template = EXTERNAL_RECORDER_TEMPLATE): string {
  const document = parseDocument(readFileSync(template, 'utf8'));
  document.setIn(['sut', 'sip'], formatHostPort(sip));
  document.setIn(['sut', 'recordings'], recordings);
  const text = document.toString();
  parseProfile(document.toJS(), template);
  return text;
}

export function writeExternalRecorderProfile(path: string, sip: HostPort, recordings: string): void {
  writeFileSync(path, externalRecorderProfile(sip, recordings));
}
