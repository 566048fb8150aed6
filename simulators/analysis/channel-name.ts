/**
 * How a message names a channel. Data numbers channels from 0 (the WAV's first channel is 0); people
 * read MS-03, the plot and the recording's labels, which number them from 1 (channel 1 = the party
 * side, a=label:1), so every message says "channel 1" for index 0.
 */
export function channelName(index: number): string {
  return `channel ${index + 1}`;
}
