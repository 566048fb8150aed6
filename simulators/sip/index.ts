/** simulators/sip: the public surface of the SIP stack (README: application API). */
export { SipUserAgent } from './user-agent';
export type { SipUserAgentOptions, OutOfDialogOptions, RequestOptions, Destination } from './user-agent';
export { IncomingRequest } from './core/incoming-request';
export type { RespondOptions, AcceptOptions } from './core/incoming-request';
export { OutgoingInvite } from './core/outgoing-invite';
export type { InviteResult } from './core/outgoing-invite';
export { Dialog, DialogPhase } from './dialog/dialog';
export type { DialogTermination, TerminationReason, DialogRequestOptions } from './dialog/dialog';
export type { DialogState } from './dialog/dialog-state';
export * from './errors';
export * from './message';
export * from './sdp';
export type { Transport, TransportAddress, TransportProtocol, HostPort, TransportLimits } from './transport/transport';
export { UdpTransport } from './transport/udp-transport';
export { LoopbackNetwork, LoopbackTransport } from './transport/loopback-transport';
export type { TraceEvent } from './transport/transport-layer';
export { DEFAULT_TIMERS } from './transaction/timer-settings';
export type { TimerSettings } from './transaction/timer-settings';
