/** A recording request that does not follow the gir-msml wire profile; `what` names the part. */
export class WireProfileError extends Error {
  constructor(readonly what: string, detail: string) {
    super(`gir-msml: ${what}: ${detail}`);
    this.name = 'WireProfileError';
  }
}
