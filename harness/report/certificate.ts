import { ConformanceReport, isCertifiable, RequirementStatus } from './conformance-report';

/**
 * reports/certificate.json (DESIGN.md, "Reports"): what a vendor hands on as proof, made from the
 * run's conformance.json by `npx gir-conformance certificate`. It names the harness exactly (its
 * git revision, and whether the tree had changes), each profile by path and sha256 (the tolerances
 * it was judged by), each SUT with its role, and per requirement ID the status, the scenarios
 * behind it and why; `certifiable` is true only when every ID passed or is not applicable with a
 * reason (REQUIREMENTS.md, "Statuses").
 */
export interface Certificate {
  harness: { name: string; version: string; revision: string; dirty: boolean };
  runs: { role: string; sut: { name: string; version: string; role: string }; profile: { path: string; sha256: string }; startedAt: string }[];
  /** When the certificate was made; each run's startedAt says when it ran. */
  date: string;
  requirements: { id: string; title: string; owner: string; status: RequirementStatus; scenarios: { name: string; status: string; reason?: string }[]; reason?: string }[];
  summary: Record<RequirementStatus, number>;
  certifiable: boolean;
}

/** `current`: the harness's git state now, for a report that did not record the run's own. */
export function buildCertificate(report: ConformanceReport, current: { revision: string; dirty: boolean }, now: Date): Certificate {
  const { name, version, revision, dirty } = report.harness;
  return {
    harness: { name, version, ...(revision !== undefined ? { revision, dirty: dirty ?? false } : current) },
    runs: report.runs.map((run) => ({ role: run.role, sut: { ...run.sut, role: run.role }, profile: run.profile, startedAt: run.startedAt })),
    date: now.toISOString(),
    requirements: report.requirements.map((r) => ({
      id: r.id, title: r.title, owner: r.owner, status: r.status,
      scenarios: r.scenarios.map((s) => ({ name: s.name, status: s.status, ...(s.failure ? { reason: `${s.failure.step}: ${s.failure.check}` } : {}) })),
      ...(r.reason ? { reason: r.reason } : {}),
    })),
    summary: report.summary,
    certifiable: isCertifiable(report),
  };
}
