/**
 * Errors of the reference SUT that a CTI client can be told about. Each carries the EventError
 * `errorCode` it maps to (PROFILE-RULES.md rule 8), so a handler throws and the dispatcher answers;
 * no code table sits between them.
 */
import { CtiErrorCode } from '../../simulators/cti/cti-events';

export { CtiErrorCode };

export abstract class ReferenceSutError extends Error {
  abstract readonly errorCode: CtiErrorCode;
}

/** The request's JSON could not be read (no object, or not JSON at all). */
export class LineTooLongError extends ReferenceSutError {
  readonly errorCode = 'LineTooLong';
}

export class BadJsonError extends ReferenceSutError {
  readonly errorCode = 'BadJson';
}

export class UnknownMessageError extends ReferenceSutError {
  readonly errorCode = 'UnknownMessage';
}

/** A field is missing or has the wrong type; `field` names it. */
export class BadFieldError extends ReferenceSutError {
  readonly errorCode = 'BadField';
  constructor(readonly field: string, detail: string) {
    super(`${field}: ${detail}`);
  }
}

export class DnNotRegisteredError extends ReferenceSutError {
  readonly errorCode = 'DnNotRegistered';
  constructor(readonly dn: string) {
    super(`DN ${dn} is not registered by this client`);
  }
}

export class UnknownConnIdError extends ReferenceSutError {
  readonly errorCode = 'UnknownConnId';
  constructor(readonly connId: string, released: boolean) {
    super(released ? `call ${connId} is released` : `no call ${connId}`);
  }
}

/** A well-typed value the SUT cannot take (unknown PrivateMsgID, record side, ThisDN not a party). */
export class InvalidValueError extends ReferenceSutError {
  readonly errorCode = 'InvalidValue';
}

/** The request is valid but the state refuses it (DYN-12 edges, login twice). */
export class InvalidStateError extends ReferenceSutError {
  readonly errorCode = 'InvalidState';
}

export class DuplicateIdError extends ReferenceSutError {
  readonly errorCode = 'DuplicateId';
}

export class NotSupportedError extends ReferenceSutError {
  readonly errorCode = 'NotSupported';
}
