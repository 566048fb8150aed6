import { PRIVATE_MSG } from '../../../../simulators/cti/cti-events';
import { normalisePartitions } from '../../../../simulators/gir-msml/recording-headers';
import { Call } from '../../call/call';
import { InvalidStateError, InvalidValueError, UnknownConnIdError } from '../../errors';
import { dynamicDecision, referenceLeg } from '../../recording/policies/dynamic';
import { CtiHandler, CtiServices, requireRegistered } from './handler';

const KNOWN_MSG_IDS: ReadonlySet<number> = new Set(Object.values(PRIVATE_MSG));

/** Rule 8: unknown, or released (remembered), ConnectionID → UnknownConnId. */
function callOf(connId: string, services: CtiServices): Call {
  const call = services.calls.get(connId);
  if (call) return call;
  const released = services.calls.wasReleased(connId);
  if (released && services.deviations.dynamic.releasedAsInvalidState) throw new InvalidStateError(`call ${connId} is released`);
  throw new UnknownConnIdError(connId, released);
}

/** Extension `record` on any of 3013-3016: source or destination; absent = `dynamic.defaultSide` (DYN-07). */
function recordSide(extensions: Record<string, unknown> | undefined, services: CtiServices): 'source' | 'destination' {
  const record = extensions?.record;
  if (record === undefined) return services.dynamic.defaultSide;
  if (record === 'source' || record === 'destination') return record;
  throw new InvalidValueError(`extension record=${JSON.stringify(record)}: expected source or destination`);
}

/**
 * RequestPrivateService GSIP_RECORD_START/STOP/PAUSE/RESUME (DYN-01..12), judged in rule 8's
 * precedence: PrivateMsgID → ThisDN registered → ConnectionID → party and extensions → state.
 * EventACK goes out before any Media Server traffic (rule 7); the commands run behind it.
 */
export const privateService: CtiHandler<'RequestPrivateService'> = (request, client, services) => {
  const { dynamic } = services.deviations;
  if (!KNOWN_MSG_IDS.has(request.privateMsgId)) {
    if (dynamic.acksUnknownMsgId) return { message: 'EventACK' };
    throw new InvalidValueError(`PrivateMsgID ${request.privateMsgId} is not one of 3013-3016`);
  }
  requireRegistered(client, request.thisDN, services);
  const call = callOf(request.connId, services);
  const policy = { requireParty: services.dynamic.requireParty, destinationAsSource: dynamic.destinationAsSource };
  referenceLeg(call, request.thisDN, policy);
  const record = recordSide(request.extensions, services);
  const recordings = services.recordings;
  switch (request.privateMsgId) {
    case PRIVATE_MSG.start: {
      const listed = request.extensions?.partitions;
      const partitions = typeof listed === 'string' && !dynamic.dropsPartitions ? normalisePartitions(listed) : [];
      const decision = dynamicDecision(call, { thisDn: request.thisDN, record, partitions }, policy);
      const agentId = services.agents.agentOn(decision.dn);
      recordings.startDynamic(call, agentId ? { ...decision, agentId } : decision);
      break;
    }
    case PRIVATE_MSG.stop:
      recordings.stop(call);
      break;
    case PRIVATE_MSG.pause:
      recordings.pause(call);
      break;
    case PRIVATE_MSG.resume:
      recordings.resume(call);
      break;
  }
  return { message: 'EventACK', thisDN: request.thisDN, connId: call.connId, privateMsgId: request.privateMsgId };
};
