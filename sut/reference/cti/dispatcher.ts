import { SutDeviations } from '../deviations';
import { LineTooLongError, NotSupportedError, ReferenceSutError } from '../errors';
import { FramedLine } from '../../../simulators/cti/line-framer';
import { CtiClientSession } from './client-session';
import { agentLogin, agentLogout } from './handlers/agent-login';
import { configUpdate } from './handlers/config-update';
import { CtiHandler, CtiServices, SuccessEvent } from './handlers/handler';
import { privateService } from './handlers/private-service';
import { registerAddress, unregisterAddress } from './handlers/register-address';
import { routeCall } from './handlers/route-call';
import { singleStepTransfer } from './handlers/transfer';
import { releaseCall } from './handlers/release-call';
import { CtiRequest, Envelope, readRequest, RequestName } from './protocol';

type HandlerTable = { [N in RequestName]: CtiHandler<N> };

const HANDLERS: HandlerTable = {
  RequestRegisterAddress: registerAddress,
  RequestUnregisterAddress: unregisterAddress,
  RequestAgentLogin: agentLogin,
  RequestAgentLogout: agentLogout,
  RequestPrivateService: privateService,
  RequestRouteCall: routeCall,
  RequestSingleStepTransfer: singleStepTransfer,
  RequestReleaseCall: releaseCall,
  RequestConfigUpdate: configUpdate,
};

export type CtiResponse = SuccessEvent & { referenceId: number | null };

/**
 * One framed input in, exactly one response out (DYN-13): the handler's success event, or
 * EventError with the errorCode of whatever it threw, both echoing referenceId and reasons (rule 7).
 * Handlers are synchronous, so responses leave in the order requests came.
 */
export class CtiDispatcher {
  constructor(private readonly services: CtiServices, private readonly deviations: SutDeviations['cti']) {}

  dispatch(input: FramedLine, client: CtiClientSession): CtiResponse[] {
    if (input.kind === 'tooLong') {
      return [this.error({ referenceId: null }, new LineTooLongError(`a line of more than ${input.bytes} bytes (the limit is 65536); the rest of it is discarded`))];
    }
    const read = readRequest(input.text);
    if ('error' in read) return [this.error(read.envelope, read.error)];
    let success: SuccessEvent;
    try {
      success = this.handle(read.request, client);
    } catch (error) {
      const typed = error instanceof ReferenceSutError ? error : new NotSupportedError(`the reference SUT failed on ${read.request.message}: ${error instanceof Error ? error.message : String(error)}`);
      return [this.error(read.envelope, typed)];
    }
    const response = this.respond(read.envelope, success);
    return this.deviations.answersTwice ? [response, { ...response }] : [response];
  }

  private handle<N extends RequestName>(request: CtiRequest<N>, client: CtiClientSession): SuccessEvent {
    const handler = HANDLERS[request.message as N] as CtiHandler<N>;
    return handler(request, client, this.services);
  }

  private respond(envelope: Envelope, event: SuccessEvent): CtiResponse {
    const reasons = envelope.reasons && !this.deviations.dropsReasons ? { reasons: envelope.reasons } : {};
    return { ...event, referenceId: envelope.referenceId, ...reasons };
  }

  private error(envelope: Envelope, error: ReferenceSutError): CtiResponse {
    return this.respond(envelope, { message: 'EventError', errorCode: error.errorCode, errorMessage: error.message });
  }
}
