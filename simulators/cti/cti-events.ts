import { z } from 'zod';

/**
 * The CTI bridge protocol (DESIGN.md, "CTI bridge protocol"): T-Library semantics as JSON lines.
 * This file is what flows from the SIP Server to a client; the SUT writes it, the client reads it
 * with these schemas, never with a cast.
 */
export const CTI_ERROR_CODES = [
  'BadJson', 'UnknownMessage', 'BadField', 'LineTooLong', 'DnNotRegistered',
  'UnknownConnId', 'InvalidState', 'InvalidValue', 'DuplicateId', 'NotSupported',
] as const;
export type CtiErrorCode = (typeof CTI_ERROR_CODES)[number];

/** A line longer than this (UTF-8 bytes, newline excluded) gets LineTooLong (PROFILE-RULES.md rule 8). */
export const MAX_LINE_BYTES = 64 * 1024;

/** ConnectionIDs are 16 hex digits. */
export const CONNECTION_ID = /^[0-9a-fA-F]{16}$/;

export const PRIVATE_MSG = { start: 3013, stop: 3014, pause: 3015, resume: 3016 } as const;

const keyValues = z.record(z.unknown());

export const eventAckSchema = z.object({ message: z.literal('EventACK'), referenceId: z.number().int(), reasons: keyValues.optional() }).passthrough();
export const eventErrorSchema = z.object({
  message: z.literal('EventError'),
  referenceId: z.number().int().nullable(),
  errorCode: z.enum(CTI_ERROR_CODES),
  errorMessage: z.string(),
  reasons: keyValues.optional(),
}).passthrough();
const registration = (message: 'EventRegistered' | 'EventUnregistered') =>
  z.object({ message: z.literal(message), referenceId: z.number().int(), thisDN: z.string(), reasons: keyValues.optional() }).passthrough();
export const eventAgentLoginSchema = z.object({
  message: z.literal('EventAgentLogin'), referenceId: z.number().int(), thisDN: z.string(), agentId: z.string(), reasons: keyValues.optional(),
}).passthrough();

export const CALL_EVENT_NAMES = ['EventRinging', 'EventEstablished', 'EventReleased', 'EventPartyChanged', 'EventRouteRequest'] as const;
export const callEventSchema = z.object({
  message: z.enum(CALL_EVENT_NAMES),
  thisDN: z.string(),
  connId: z.string().regex(CONNECTION_ID),
  otherDN: z.string().optional(),
}).passthrough();

export const attachedDataChangedSchema = z.object({
  message: z.literal('EventAttachedDataChanged'),
  thisDN: z.string(),
  connId: z.string().regex(CONNECTION_ID),
  userData: z.record(z.string()),
}).passthrough();

export const ctiEventSchema = z.union([
  eventAckSchema, eventErrorSchema, registration('EventRegistered'), registration('EventUnregistered'), eventAgentLoginSchema,
  callEventSchema, attachedDataChangedSchema,
  z.object({ message: z.literal('EventPrivateInfo') }).passthrough(),
]);

export type CtiEvent = z.infer<typeof ctiEventSchema>;
export type EventError = z.infer<typeof eventErrorSchema>;
export type CallEvent = z.infer<typeof callEventSchema>;
export type AttachedDataChanged = z.infer<typeof attachedDataChangedSchema>;

/** The responses to a request (one per referenceId): every event that carries a referenceId. */
export const RESPONSE_NAMES: ReadonlySet<string> = new Set(['EventACK', 'EventError', 'EventRegistered', 'EventUnregistered', 'EventAgentLogin']);
