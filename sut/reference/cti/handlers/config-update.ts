import { CtiHandler } from './handler';

/** RequestConfigUpdate (reference SUT only, rule 13): directory entries upserted, cluster mode set. */
export const configUpdate: CtiHandler<'RequestConfigUpdate'> = (request, _client, { directory, agents }) => {
  if (request.directory) directory.upsert(request.directory);
  if (request.cluster !== undefined) agents.cluster = request.cluster;
  return { message: 'EventACK' };
};
