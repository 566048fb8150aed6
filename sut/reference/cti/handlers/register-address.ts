import { DnNotRegisteredError, InvalidValueError } from '../../errors';
import { CtiHandler } from './handler';

/** RequestRegisterAddress → EventRegistered; a DN not in the directory → InvalidValue (rule 8). */
export const registerAddress: CtiHandler<'RequestRegisterAddress'> = (request, client, { directory }) => {
  if (!directory.dn(request.thisDN)) throw new InvalidValueError(`DN ${request.thisDN} is not in the directory`);
  client.register(request.thisDN);
  return { message: 'EventRegistered', thisDN: request.thisDN };
};

/** RequestUnregisterAddress → EventUnregistered; a DN this client has not registered → DnNotRegistered. */
export const unregisterAddress: CtiHandler<'RequestUnregisterAddress'> = (request, client) => {
  if (!client.unregister(request.thisDN)) throw new DnNotRegisteredError(request.thisDN);
  return { message: 'EventUnregistered', thisDN: request.thisDN };
};
