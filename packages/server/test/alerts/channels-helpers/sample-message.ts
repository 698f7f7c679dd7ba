/** Messages as the rules engine hands them to delivery, for the channel tests. */
import type { AlertIssue, AlertMessage } from '../../../src/alerts/types.js';

export const HOSTILE_TITLE = `TypeError: <script>alert(1)</script><img src=x onerror="alert(2)"> & 'quotes'`;

export function sampleIssue(overrides: Partial<AlertIssue> = {}): AlertIssue {
  return {
    id: 7,
    title: 'TypeError: x is undefined',
    culprit: 'app/checkout.js in pay',
    level: 'error',
    count: 12,
    userCount: 3,
    firstSeen: 1_735_787_040, // 2025-01-02 03:04 UTC
    lastSeen: 1_735_790_640, // 2025-01-02 04:04 UTC
    url: 'https://faultline.example.com/issues/7/',
    ...overrides,
  };
}

export function sampleMessage(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    project: { id: 1, name: 'checkout' },
    rule: { id: 3, name: 'New issues', trigger: 'new_issue' },
    issues: [sampleIssue()],
    moreIssues: 0,
    triggeredAt: 1_735_787_050,
    ...overrides,
  };
}

/** A storm summary: `named` issues listed, `more` counted. */
export function stormMessage(named: number, more: number): AlertMessage {
  const issues = Array.from({ length: named }, (_, i) =>
    sampleIssue({
      id: 100 + i,
      title: `Error number ${i}`,
      url: `https://faultline.example.com/issues/${100 + i}/`,
    }),
  );
  return sampleMessage({ issues, moreIssues: more });
}
