/**
 * Ports come from a block per Cucumber worker, never fixed: worker w of a run owns
 * [base + w*size, base + (w+1)*size). Binding is tried port by port, so a port held by another
 * process (or another run on the same machine) is skipped instead of failing the scenario.
 */
export interface PortBlockOptions {
  base: number;
  size: number;
  worker: number;
}

export class PortBlockExhaustedError extends Error {
  constructor(readonly block: PortBlockOptions, readonly lastError: unknown) {
    super(
      `no free port in block ${block.base + block.worker * block.size}..` +
        `${block.base + (block.worker + 1) * block.size - 1} (worker ${block.worker}): ` +
        `${lastError instanceof Error ? lastError.message : String(lastError)}; ` +
        `GIR_PORT_BLOCK sets the ports per worker (now ${block.size})`,
    );
    this.name = 'PortBlockExhaustedError';
  }
}

export function portBlockFromEnv(env: NodeJS.ProcessEnv = process.env): PortBlockOptions {
  const read = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
    return number;
  };
  // Below Linux's ephemeral range (32768+), so OS-picked ports never land in a block (six workers
  // of 2000 fit). A recorded call holds 5 even ports (SUT relay 2, agent 1, Media Server 2): ROB-03's 100
  // calls need 500 of a block's 1000 even ports; the @load run's 300 calls need GIR_PORT_BLOCK=4000.
  return { base: read('GIR_PORT_BASE', 20000), size: read('GIR_PORT_BLOCK', 2000), worker: read('CUCUMBER_WORKER_ID', 0) };
}

/** EADDRINUSE/EACCES, also when a layer wrapped the socket error (its `cause` chain). */
function isPortTaken(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') return true;
  }
  return false;
}

export class PortBlock {
  private cursor = 0;

  constructor(private readonly options: PortBlockOptions = portBlockFromEnv()) {
    const last = options.base + (options.worker + 1) * options.size - 1;
    if (options.size < 1 || last > 65535) throw new Error(`port block for worker ${options.worker} ends at ${last}, beyond 65535`);
  }

  /** The block's first and last port (a capture filters on them). */
  get range(): { first: number; last: number } {
    const first = this.options.base + this.options.worker * this.options.size;
    return { first, last: first + this.options.size - 1 };
  }

  /** The next port of the block, round robin; only a hint until something binds it. */
  next(): number {
    const port = this.options.base + this.options.worker * this.options.size + this.cursor;
    this.cursor = (this.cursor + 1) % this.options.size;
    return port;
  }

  /**
   * Calls `bind(port)` with successive ports of the block until one does not fail with
   * EADDRINUSE/EACCES; returns what `bind` returned. Any other error is the caller's.
   */
  async bind<T>(bind: (port: number) => Promise<T>): Promise<T> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.options.size; attempt++) {
      try {
        return await bind(this.next());
      } catch (error) {
        if (!isPortTaken(error)) throw error;
        lastError = error;
      }
    }
    throw new PortBlockExhaustedError(this.options, lastError);
  }

  /** Like bind(), for two consecutive ports (RTP even, RTCP odd). */
  async bindPair<T>(bind: (evenPort: number) => Promise<T>): Promise<T> {
    return this.bind(async (port) => {
      if (port % 2 === 1) throw Object.assign(new Error('odd port'), { code: 'EADDRINUSE' });
      return bind(port);
    });
  }
}
