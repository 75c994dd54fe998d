import { describe, expect, it } from 'vitest';
import { evaluateGate } from './gate.ts';
import { junitXml } from './junit.ts';
import { aggregate } from './metrics.ts';
import { reportHtml } from './report-html.ts';
import { change, record } from './test-support.ts';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const exp = { category: 'quantity_change' as const, orderRef: 'PO-1', changes: [change('quantity', 'HX-2210', 25, 40)] };
const records = [
  record('a/<b>', exp, { ...exp, orderRef: hostile, changes: [change('quantity', 'HX-2210', 25, 45)], confidences: [0.9] }),
  record('ok', exp, exp),
];
const summary = aggregate(records, { provider: 'offline', providerVersion: 'v1', promptVersion: null, model: null, fixtures: 'set' });
const gate = evaluateGate({ metrics: { 'changes.valueAccuracy': { min: 0.99 }, 'category.accuracy': { maxDrop: 0 } } }, summary, null, 'g.json');

describe('reportHtml', () => {
  const html = reportHtml(summary, records, { comparison: null, gate });

  it('escapes everything taken from cases, and loads nothing from elsewhere', () => {
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((t) => /^<(script|img|link|iframe|object|embed)\b/i.test(t) || /\s(on\w+|src|href)\s*=/i.test(t))).toEqual([]);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a/&lt;b&gt;');
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });

  it('marks exactly the field that differs, and shows the charts', () => {
    expect(html).toContain('<tr><td>to</td><td class="bad">40</td><td class="bad">45</td>');
    expect(html).toContain('<tr><td>from</td><td class="good">25</td><td class="good">25</td>');
    expect(html).toContain('quantity HX-2210: to expected 40, got 45');
    expect(html).toContain('aria-label="confusion matrix"');
    expect(html).toContain('aria-label="change confidence vs correct"');
    expect(html).toContain('Gate g.json: FAILED');
  });
});

describe('junitXml', () => {
  const xml = junitXml(records, { provider: 'offline', repeat: 1, gate });

  it('has one test case per case with the differing fields as the failure, escaped', () => {
    expect(xml).toContain('<testsuite name="eval.offline" tests="2" failures="1" errors="0"');
    expect(xml).toContain('name="a/&lt;b&gt;"');
    expect(xml).toContain('message="orderRef: expected &quot;PO-1&quot;, got &quot;&lt;script&gt;');
    expect(xml).toContain('<testcase classname="eval.offline" name="ok" time="0.001"/>');
    expect(xml).not.toContain('<script>');
  });

  it('adds the gate checks as a suite, a regression check without baseline as skipped', () => {
    expect(xml).toContain('<testsuite name="gate" tests="2" failures="1" errors="0" skipped="1"');
  });
});
