// JUnit XML of an eval run, for CI test views: one test case per eval case (and trial), one per gate check.
import type { GateResult } from './gate.ts';
import { caseProblems } from './score-case.ts';
import type { CaseRecord } from './schema.ts';

const xml = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);

export function junitXml(records: readonly CaseRecord[], o: { provider: string; repeat: number; gate: GateResult | null }): string {
  const suite = `eval.${o.provider}`;
  const cases = records.map((r) => {
    const name = o.repeat > 1 ? `${r.id} [trial ${r.trial}]` : r.id;
    const open = `    <testcase classname="${xml(suite)}" name="${xml(name)}" time="${(r.latencyMs / 1000).toFixed(3)}"`;
    if (r.pass) return `${open}/>`;
    const problems = caseProblems(r);
    const tag = r.status === 'error' ? 'error' : 'failure';
    return `${open}>\n      <${tag} type="${r.status === 'ok' ? 'mismatch' : r.status}" message="${xml(problems[0] ?? 'failed')}">${xml(problems.join('\n'))}</${tag}>\n    </testcase>`;
  });
  const failures = records.filter((r) => !r.pass && r.status !== 'error').length;
  const errors = records.filter((r) => r.status === 'error').length;
  const time = records.reduce((s, r) => s + r.latencyMs, 0) / 1000;
  const suites = [
    `  <testsuite name="${xml(suite)}" tests="${records.length}" failures="${failures}" errors="${errors}" skipped="0" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`,
  ];
  if (o.gate) {
    const checks = o.gate.checks.map((c) => {
      const open = `    <testcase classname="gate" name="${xml(`${c.metric} ${c.rule} ${c.threshold}`)}"`;
      if (c.status === 'pass') return `${open}/>`;
      if (c.status === 'skipped') return `${open}>\n      <skipped message="${xml(c.message)}"/>\n    </testcase>`;
      return `${open}>\n      <failure type="gate" message="${xml(c.message)}">${xml(c.message)}</failure>\n    </testcase>`;
    });
    const failed = o.gate.checks.filter((c) => c.status === 'fail').length;
    const skipped = o.gate.checks.filter((c) => c.status === 'skipped').length;
    suites.push(`  <testsuite name="gate" tests="${o.gate.checks.length}" failures="${failed}" errors="0" skipped="${skipped}" time="0">\n${checks.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="changedesk eval">\n${suites.join('\n')}\n</testsuites>\n`;
}
