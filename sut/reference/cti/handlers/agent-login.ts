import { InvalidValueError } from '../../errors';
import { CtiHandler, requireRegistered } from './handler';

/** RequestAgentLogin → EventAgentLogin (rule 12): registered ThisDN, known agent, nobody in the way. */
export const agentLogin: CtiHandler<'RequestAgentLogin'> = (request, client, services) => {
  requireRegistered(client, request.thisDN, services);
  if (!services.directory.agentLogin(request.agentId)) throw new InvalidValueError(`agentId ${request.agentId} is not an Agent Login of the directory`);
  services.agents.login(request.agentId, request.thisDN);
  return { message: 'EventAgentLogin', thisDN: request.thisDN, agentId: request.agentId };
};

/** RequestAgentLogout → EventACK; no agent on the DN → InvalidState. */
export const agentLogout: CtiHandler<'RequestAgentLogout'> = (request, client, services) => {
  requireRegistered(client, request.thisDN, services);
  const agentId = services.agents.logout(request.thisDN);
  return { message: 'EventACK', thisDN: request.thisDN, agentId };
};
