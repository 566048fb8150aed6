import { z } from 'zod';
import { layoutProblem } from '../sut/adapters/recordings-layout';

/**
 * The conformance profile (DESIGN.md, "Profile keys"): every value the seed leaves open and every
 * tolerance is a named key with a default here, never a literal in a step. Objects are strict, so
 * an unknown or misspelt key is an error naming its path.
 */
const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected "host:port"');
const dn = z.string().regex(/^[0-9A-Za-z_.+-]{1,32}$/, 'expected a DN of 1-32 letters, digits, _ . + -');
const ms = (fallback: number) => z.number().int().nonnegative().default(fallback);

const flags = {
  role: z.string().min(1),
  record: z.boolean().default(false),
  screen: z.boolean().default(false),
};

export const directoryEntrySchema = z.discriminatedUnion('type', [
  z.object({ ...flags, type: z.literal('Extension'), dn }).strict(),
  z.object({ ...flags, type: z.literal('ACDPosition'), dn }).strict(),
  z.object({ ...flags, type: z.literal('VoiceTreatmentPort'), dn }).strict(),
  // peer: the far end's "ip:port"; left out for the embedded SUT, whose harness allocates it.
  z.object({ ...flags, type: z.literal('TrunkGroup'), dn, peer: hostPort.optional() }).strict(),
  z.object({ ...flags, type: z.literal('RoutingPoint'), dn, defaultDN: dn.nullable().default(null) }).strict(),
  z.object({ ...flags, type: z.literal('AgentLogin'), agentId: z.string().min(1) }).strict(),
]);

export const profileSchema = z
  .object({
    sut: z
      .object({
        name: z.string().default('gir-reference-sut'),
        version: z.string().default('0.1.0'),
        role: z.enum(['call-control', 'recorder']).default('call-control'),
        adapter: z.enum(['embedded', 'process', 'container', 'external']).default('embedded'),
        sip: hostPort.optional(),
        cti: hostPort.optional(),
        recordings: z.string().optional(),
        // How a recorder's files are found under `recordings`: byId, or a pattern such as {dest}/{date}/{id}.
        recordingsLayout: z.string().default('byId').superRefine((layout, context) => {
          const problem = layoutProblem(layout);
          if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: `"${layout}": ${problem}` });
        }),
        transport: z.array(z.enum(['udp', 'tcp'])).nonempty().default(['udp']),
        cluster: z.boolean().default(false),
        msTimeoutMs: ms(3000),
        // process: the command and its arguments; container: the arguments to the image's entrypoint.
        command: z.array(z.string()).optional(),
        // container: the image (built by docker/build.sh, or the vendor's) and its environment.
        image: z.string().min(1).optional(),
        env: z.record(z.string()).optional(),
      })
      .strict()
      .default({}),
    wire: z
      .object({
        profile: z.enum(['gir-msml']).default('gir-msml'),
        startOn: z.enum(['dialogstart', 'invite']).default('dialogstart'),
        tenantDbid: z.number().int().nonnegative().default(1),
      })
      .strict()
      .default({}),
    ms: z
      .object({
        listen: hostPort.default('127.0.0.1:0'),
        root: z.string().optional(),
        duplicateIdStatus: z.number().int().min(400).max(699).default(409),
        badDestStatus: z.number().int().min(400).max(699).default(400),
      })
      .strict()
      .default({}),
    screen: z.object({ url: z.string().url().optional() }).strict().default({}),
    directory: z.array(directoryEntrySchema).default([]),
    fullTime: z.object({ internalCalls: z.enum(['called']).default('called') }).strict().default({}),
    selective: z.object({ duplicateId: z.enum(['reject']).default('reject') }).strict().default({}),
    dynamic: z
      .object({
        requireParty: z.boolean().default(true),
        defaultSide: z.enum(['source', 'destination']).default('source'),
      })
      .strict()
      .default({}),
    tolerance: z
      .object({
        padEdgeMs: ms(20),
        // How far the analyzer lets audio sit from its send times, a file's length from the session's
        // wall time, and frames near an edge go before they count as leaked or dropped.
        shiftMs: ms(20),
        durationMs: ms(20),
        leakGuardMs: ms(20),
        dropGuardMs: ms(20),
        pauseLatencyMs: ms(200),
        startMs: ms(200),
        stopMs: ms(200),
        screenMs: ms(500),
        ctiResponseMs: ms(1000),
        routeTimeoutMs: ms(10000),
        finalizeMs: ms(1000),
        // The share of a tolerance the harness's own lateness may use before a check is inconclusive.
        harnessShare: z.number().min(0).max(1).default(0.25),
      })
      .strict()
      .default({}),
    load: z
      .object({
        calls: z.number().int().positive().default(100),
        callSeconds: z.number().positive().default(10),
        pauseCycles: z.number().int().positive().default(10),
      })
      .strict()
      .default({}),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;
export type DirectoryType = DirectoryEntry['type'];
export type Tolerances = Profile['tolerance'];
/** The role of the SUT in a run: call control (SIP Server) or recorder (Media Server). */
export type SutRole = Profile['sut']['role'];
