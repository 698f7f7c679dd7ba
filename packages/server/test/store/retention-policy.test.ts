/** planRetention: which cutoff applies to every project at once, and which to one project. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planRetention } from '../../src/store/retention-policy.js';

const DAY = 24 * 3600;
const NOW = 1_800_000_000;
const POLICY = { now: NOW, defaultRetentionDays: 90 };

function project(id: number, retentionDays?: number, maxEventsPerIssue?: number) {
  return { id, retentionDays, maxEventsPerIssue };
}

describe('planRetention', () => {
  it('cuts everything at the longest retention, and each shorter one per project', () => {
    const plan = planRetention(
      [project(1, 7), project(2), project(3, 400, 5), project(4, 120)],
      POLICY,
    );
    assert.deepEqual(plan, {
      everyProjectCutoff: NOW - 400 * DAY,
      projectCutoffs: [
        { projectId: 1, cutoff: NOW - 7 * DAY },
        { projectId: 2, cutoff: NOW - 90 * DAY },
        { projectId: 4, cutoff: NOW - 120 * DAY },
      ],
      issueCaps: [{ projectId: 3, maxEventsPerIssue: 5 }],
    });
  });

  it('needs no per-project cutoff while every project keeps the default', () => {
    assert.deepEqual(planRetention([project(1), project(2, undefined, 3)], POLICY), {
      everyProjectCutoff: NOW - 90 * DAY,
      projectCutoffs: [],
      issueCaps: [{ projectId: 2, maxEventsPerIssue: 3 }],
    });
  });

  it('keeps the default in force when every project keeps less', () => {
    // A project made during the pass gets the default: its events must still be there.
    const plan = planRetention([project(1, 7)], POLICY);
    assert.equal(plan.everyProjectCutoff, NOW - 90 * DAY);
    assert.deepEqual(plan.projectCutoffs, [{ projectId: 1, cutoff: NOW - 7 * DAY }]);
  });
});
