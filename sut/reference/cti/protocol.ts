import { z } from 'zod';
import { directoryEntrySchema } from '../../../profiles/profile-schema';
import { CONNECTION_ID, PRIVATE_MSG } from '../../../simulators/cti/cti-events';
import { BadFieldError, BadJsonError, NotSupportedError, ReferenceSutError, UnknownMessageError } from '../errors';

/**
 * The requests the reference SUT serves, one zod schema each (DESIGN.md, "CTI bridge protocol").
 * Fields are declared in the order they are judged, so the first issue zod reports is the one a
 * client is told about: referenceId, reasons, extensions, then the request's own fields.
 */
const keyValues = z.record(z.unknown());
const common = { referenceId: z.number().int(), reasons: keyValues.optional(), extensions: keyValues.optional() };
const dn = z.string().min(1);
const connId = z.string().regex(CONNECTION_ID, 'a ConnectionID is 16 hex digits');

const request = <M extends string, S extends z.ZodRawShape>(message: M, shape: S) =>
  z.object({ message: z.literal(message), ...common, ...shape });

export const requestSchemas = {
  RequestRegisterAddress: request('RequestRegisterAddress', { thisDN: dn }),
  RequestUnregisterAddress: request('RequestUnregisterAddress', { thisDN: dn }),
  RequestAgentLogin: request('RequestAgentLogin', { thisDN: dn, agentId: z.string().min(1) }),
  RequestAgentLogout: request('RequestAgentLogout', { thisDN: dn }),
  // Rule 4: partitions are a string on 3013; on 3014-3016 they are ignored whatever their type.
  RequestPrivateService: request('RequestPrivateService', { privateMsgId: z.number().int(), thisDN: dn, connId }).superRefine((value, ctx) => {
    const partitions = value.extensions?.partitions;
    if (value.privateMsgId === PRIVATE_MSG.start && partitions !== undefined && typeof partitions !== 'string') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['extensions', 'partitions'], message: 'partitions is a comma-delimited string' });
    }
  }),
  // Selective recording extensions: record, id and dest are strings; record's value is the handler's to judge.
  RequestRouteCall: request('RequestRouteCall', { thisDN: dn, connId, otherDN: dn }).superRefine((value, ctx) => {
    for (const key of ['record', 'id', 'dest']) {
      const field = value.extensions?.[key];
      if (field !== undefined && typeof field !== 'string') ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['extensions', key], message: `${key} is a string` });
    }
  }),
  RequestSingleStepTransfer: request('RequestSingleStepTransfer', { thisDN: dn, connId, otherDN: dn }),
  RequestReleaseCall: request('RequestReleaseCall', { thisDN: dn, connId }),
  RequestConfigUpdate: request('RequestConfigUpdate', { cluster: z.boolean().optional(), directory: z.array(directoryEntrySchema).optional() }),
};

export type RequestName = keyof typeof requestSchemas;

/** Requests of the protocol this SUT does not serve yet: NotSupported, not UnknownMessage (rule 8). */
const NOT_IMPLEMENTED: ReadonlySet<string> = new Set([
  'RequestMakeCall', 'RequestAnswerCall',
  'RequestInitiateTransfer', 'RequestCompleteTransfer',
]);
export type CtiRequest<N extends RequestName = RequestName> = z.infer<(typeof requestSchemas)[N]>;

/** What can be read of any input, valid or not: what the one response must echo. */
export interface Envelope {
  /** null when the input has no readable referenceId (rule 8). */
  referenceId: number | null;
  reasons?: Record<string, unknown>;
}

export type ReadRequest = { envelope: Envelope; request: CtiRequest } | { envelope: Envelope; error: ReferenceSutError };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One line to a typed request, or the error rule 8 gives it, in its precedence: BadJson →
 * UnknownMessage → BadField. The rest of the precedence is the handlers' (they judge values).
 */
export function readRequest(line: string): ReadRequest {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { envelope: { referenceId: null }, error: new BadJsonError(`not JSON: ${(error as Error).message}`) };
  }
  if (!isPlainObject(json)) return { envelope: { referenceId: null }, error: new BadJsonError('a request is one JSON object') };
  const envelope: Envelope = {
    referenceId: Number.isSafeInteger(json.referenceId) ? (json.referenceId as number) : null,
    ...(isPlainObject(json.reasons) ? { reasons: json.reasons } : {}),
  };
  if (typeof json.message !== 'string') return { envelope, error: new BadFieldError('message', 'missing or not a string') };
  if (NOT_IMPLEMENTED.has(json.message)) return { envelope, error: new NotSupportedError(`${json.message} is not implemented by this SUT`) };
  if (!Object.hasOwn(requestSchemas, json.message)) return { envelope, error: new UnknownMessageError(`unknown message "${json.message}"`) };
  const parsed = requestSchemas[json.message as RequestName].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { envelope, error: new BadFieldError(issue.path.join('.') || '(request)', issue.message) };
  }
  return { envelope, request: parsed.data };
}
