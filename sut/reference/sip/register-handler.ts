import { IncomingRequest, paramValue, SipUri } from '../../../simulators/sip';
import { Directory } from '../directory';
import { Registrar } from '../registrar';

const DEFAULT_EXPIRES_SECONDS = 3600;

/** REGISTER: To user = DN; only Extension, ACD Position and treatment port DNs (rule 23). */
export function handleRegister(request: IncomingRequest, directory: Directory, registrar: Registrar): void {
  const to = request.message.to.uri;
  const dn = to instanceof SipUri ? to.user : undefined;
  if (!dn || !directory.isRegistrable(dn)) {
    request.respond(404, { reason: `DN ${dn ?? '(none)'} is not a registrable DN of the directory` });
    return;
  }
  const contact = request.message.contact[0];
  const contactUri = contact?.uri;
  if (!(contactUri instanceof SipUri) || !contactUri.port) {
    request.respond(400, { reason: 'REGISTER needs a Contact sip: URI with host and port' });
    return;
  }
  const expires = Number(paramValue(contact.params, 'expires') ?? request.message.headers.get('Expires') ?? DEFAULT_EXPIRES_SECONDS);
  registrar.bind(dn, { host: contactUri.host, port: contactUri.port }, Number.isFinite(expires) ? expires : DEFAULT_EXPIRES_SECONDS);
  request.respond(200, { headers: { Contact: `<${contactUri.toString()}>;expires=${expires}`, Expires: String(expires) } });
}
