import { useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { Field } from '../../../components/field';
import type { AlertChannelJson, AlertRuleJson, AlertTrigger } from '../../../lib/client';
import { fieldOf } from '../../../lib/field-error';
import { useClient } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { createRule } from '../api/create-rule';
import { updateRule } from '../api/update-rule';
import {
  EMPTY_RULE,
  LEVELS,
  TRIGGER_LABELS,
  draftOfRule,
  ruleOf,
  takesThreshold,
} from './rule-draft';
import type { RuleDraft } from './rule-draft';

const TRIGGERS = Object.keys(TRIGGER_LABELS) as AlertTrigger[];

function toggled<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

/** Adds a rule, or replaces `rule`. */
export function RuleForm({
  projectId,
  rule,
  channels,
  onDone,
}: {
  projectId: number;
  rule?: AlertRuleJson;
  channels: AlertChannelJson[];
  onDone: (saved: boolean) => void;
}) {
  const client = useClient();
  const [draft, setDraft] = useState<RuleDraft>(() =>
    rule === undefined ? EMPTY_RULE : draftOfRule(rule),
  );
  const save = useAction();
  const set = (changes: Partial<RuleDraft>) =>
    setDraft((previous) => ({ ...previous, ...changes }));
  const field = fieldOf(save.error);
  const problem = (name: string) =>
    field !== undefined && (field.path[0] === 'filters' ? field.path[1] : field.path[0]) === name
      ? field.message
      : undefined;
  const inline = [
    'name',
    'trigger',
    'threshold',
    'windowMinutes',
    'environment',
    'release',
    'channelIds',
    'throttleMinutes',
  ].some((name) => problem(name) !== undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = ruleOf(draft);
    const ok = await save.run(() =>
      rule === undefined
        ? createRule(client, projectId, input)
        : updateRule(client, projectId, rule.id, input),
    );
    if (ok) onDone(true);
  }

  return (
    <form
      className="rule-form"
      aria-label={rule === undefined ? 'New rule' : `Edit ${rule.name}`}
      onSubmit={(event) => void submit(event)}
    >
      <fieldset disabled={save.busy}>
        <div className="field-row">
          <Field label="Name" problem={problem('name')}>
            <input
              type="text"
              name="name"
              required
              value={draft.name}
              onChange={(event) => set({ name: event.target.value })}
            />
          </Field>
          <Field label="When" problem={problem('trigger')}>
            <select
              name="trigger"
              value={draft.trigger}
              onChange={(event) => set({ trigger: event.target.value as AlertTrigger })}
            >
              {TRIGGERS.map((trigger) => (
                <option key={trigger} value={trigger}>
                  {TRIGGER_LABELS[trigger]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {takesThreshold(draft.trigger) ? (
          <div className="field-row">
            <Field
              label={draft.trigger === 'users' ? 'Users (N)' : 'Events (N)'}
              problem={problem('threshold')}
            >
              <input
                type="number"
                name="threshold"
                min={1}
                required
                value={draft.threshold}
                onChange={(event) => set({ threshold: event.target.value })}
              />
            </Field>
            {draft.trigger === 'frequency' ? (
              <Field label="In minutes (M)" problem={problem('windowMinutes')}>
                <input
                  type="number"
                  name="windowMinutes"
                  min={1}
                  required
                  value={draft.windowMinutes}
                  onChange={(event) => set({ windowMinutes: event.target.value })}
                />
              </Field>
            ) : null}
          </div>
        ) : null}
        <fieldset className="choice-group">
          <legend>Levels (none checked: every level)</legend>
          {LEVELS.map((level) => (
            <label key={level} className="choice">
              <input
                type="checkbox"
                checked={draft.levels.includes(level)}
                onChange={(event) =>
                  set({ levels: toggled(draft.levels, level, event.target.checked) })
                }
              />
              {level}
            </label>
          ))}
        </fieldset>
        <div className="field-row">
          <Field label="Environment" hint="Empty: any." problem={problem('environment')}>
            <input
              type="text"
              name="environment"
              value={draft.environment}
              onChange={(event) => set({ environment: event.target.value })}
            />
          </Field>
          <Field label="Release" hint="Empty: any." problem={problem('release')}>
            <input
              type="text"
              name="release"
              value={draft.release}
              onChange={(event) => set({ release: event.target.value })}
            />
          </Field>
        </div>
        <fieldset className="choice-group">
          <legend>Notify through</legend>
          {channels.length === 0 ? (
            <span className="field-hint">No channels yet: an admin adds them above.</span>
          ) : (
            channels.map((channel) => (
              <label key={channel.id} className="choice">
                <input
                  type="checkbox"
                  checked={draft.channelIds.includes(channel.id)}
                  onChange={(event) =>
                    set({ channelIds: toggled(draft.channelIds, channel.id, event.target.checked) })
                  }
                />
                {channel.name}
              </label>
            ))
          )}
          {problem('channelIds') === undefined ? null : (
            <span className="field-error" role="alert">
              {problem('channelIds')}
            </span>
          )}
        </fieldset>
        <div className="field-row">
          <Field
            label="Throttle (minutes)"
            hint="At most one notification per issue in this time; 0: no throttle."
            problem={problem('throttleMinutes')}
          >
            <input
              type="number"
              name="throttleMinutes"
              min={0}
              required
              value={draft.throttleMinutes}
              onChange={(event) => set({ throttleMinutes: event.target.value })}
            />
          </Field>
        </div>
        <label className="check">
          <input
            type="checkbox"
            name="enabled"
            checked={draft.enabled}
            onChange={(event) => set({ enabled: event.target.checked })}
          />
          Enabled
        </label>
        {save.error !== undefined && !inline ? <ErrorNotice error={save.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {save.busy ? 'Saving…' : rule === undefined ? 'Add rule' : 'Save rule'}
          </button>
          <button type="button" onClick={() => onDone(false)}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
