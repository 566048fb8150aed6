import { z } from 'zod';

/**
 * The screen-recording command (DESIGN.md, "Screen recording service"): the SUT sends
 * `POST <screen.url>/agents/<agentId>/screen-recording` with this JSON body. Both ends read it
 * through this schema, never a cast.
 */
export const SCREEN_ACTIONS = ['start', 'stop', 'pause', 'resume'] as const;
export type ScreenAction = (typeof SCREEN_ACTIONS)[number];

export const screenCommandSchema = z.object({
  action: z.enum(SCREEN_ACTIONS),
  connId: z.string().min(1),
  /** The selective recording's extension id, else the SUT's session token (PROFILE-RULES.md rule 19). */
  recordingId: z.string().min(1),
}).strict();

export type ScreenCommand = z.infer<typeof screenCommandSchema>;

/** The path of an agent's screen recording; agent ids are URI-encoded. */
export function screenRecordingPath(agentId: string): string {
  return `/agents/${encodeURIComponent(agentId)}/screen-recording`;
}

const PATH = /^\/agents\/([^/]+)\/screen-recording$/;

/** The agent id of a screen-recording path, or undefined when the path is not one. */
export function agentOfPath(path: string): string | undefined {
  const match = PATH.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
