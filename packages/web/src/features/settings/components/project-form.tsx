import { useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { Field } from '../../../components/field';
import type { ProjectChanges, ProjectJson } from '../../../lib/client';
import { fieldOf, linesOf, optionalCount } from '../../../lib/field-error';
import { useClient } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { updateProject } from '../api/update-project';
import { GroupingField } from './grouping-field';
import { RateLimitFields, rateLimitOf, rateLimitText } from './rate-limit-fields';
import type { RateLimitText } from './rate-limit-fields';

interface Draft {
  name: string;
  slug: string;
  scrubData: boolean;
  scrubFields: string;
  retentionDays: string;
  maxEventsPerIssue: string;
  quota: RateLimitText;
  allowedOrigins: string;
  groupingVersion: string;
}

function draftOf(project: ProjectJson): Draft {
  return {
    name: project.name,
    slug: project.slug,
    scrubData: project.scrubData,
    scrubFields: project.scrubFields.join('\n'),
    retentionDays: project.retentionDays === null ? '' : String(project.retentionDays),
    maxEventsPerIssue: project.maxEventsPerIssue === null ? '' : String(project.maxEventsPerIssue),
    quota: rateLimitText(project.quota),
    allowedOrigins: project.allowedOrigins.join('\n'),
    groupingVersion: project.groupingVersion,
  };
}

function changesOf(draft: Draft): ProjectChanges {
  return {
    name: draft.name,
    slug: draft.slug,
    scrubData: draft.scrubData,
    scrubFields: linesOf(draft.scrubFields),
    retentionDays: optionalCount(draft.retentionDays),
    maxEventsPerIssue: optionalCount(draft.maxEventsPerIssue),
    quota: rateLimitOf(draft.quota),
    allowedOrigins: linesOf(draft.allowedOrigins),
    groupingVersion: draft.groupingVersion,
  };
}

/** A project's name and data settings; admins save them, members read them. */
export function ProjectForm({
  project,
  canWrite,
  onSaved,
}: {
  project: ProjectJson;
  canWrite: boolean;
  onSaved: (project: ProjectJson) => void;
}) {
  const client = useClient();
  const [draft, setDraft] = useState(() => draftOf(project));
  const [sent, setSent] = useState<ProjectChanges>({});
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const set = (changes: Partial<Draft>) => {
    setSaved(false);
    setDraft((previous) => ({ ...previous, ...changes }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesOf(draft);
    setSent(changes);
    setSaved(false);
    await save.run(async () => {
      const updated = await updateProject(client, project.id, changes);
      setDraft(draftOf(updated));
      setSaved(true);
      onSaved(updated);
    });
  }

  const field = fieldOf(save.error);
  const problem = (name: string) => {
    if (field?.path[0] !== name) return undefined;
    const index = field.path[1];
    if (index === undefined) return field.message;
    // A list's entry: name it, since "entry 3" makes the reader count lines.
    const list = sent[name as 'allowedOrigins' | 'scrubFields'];
    const entry = Array.isArray(list) ? list[Number(index)] : undefined;
    return entry === undefined ? field.message : `“${entry}” ${field.message}`;
  };

  const inline = [
    'name',
    'slug',
    'scrubFields',
    'retentionDays',
    'maxEventsPerIssue',
    'quota',
    'allowedOrigins',
    'groupingVersion',
  ].some((name) => problem(name) !== undefined);

  return (
    <form className="panel settings-form" onSubmit={(event) => void submit(event)}>
      <h2>Project</h2>
      <fieldset disabled={!canWrite || save.busy}>
        <Field label="Name" problem={problem('name')}>
          <input
            type="text"
            name="name"
            required
            value={draft.name}
            onChange={(event) => set({ name: event.target.value })}
          />
        </Field>
        <Field
          label="Slug"
          problem={problem('slug')}
          hint="What sentry-cli and the bundler plugins call it (SENTRY_PROJECT)."
        >
          <input
            type="text"
            name="slug"
            required
            spellCheck={false}
            value={draft.slug}
            onChange={(event) => set({ slug: event.target.value })}
          />
        </Field>
        <label className="check">
          <input
            type="checkbox"
            name="scrubData"
            checked={draft.scrubData}
            onChange={(event) => set({ scrubData: event.target.checked })}
          />
          Scrub secrets and card numbers from events before they are stored
        </label>
        <Field
          label="Extra fields to scrub"
          hint="One field name a line, on top of the built-in list."
          problem={problem('scrubFields')}
        >
          <textarea
            name="scrubFields"
            rows={3}
            value={draft.scrubFields}
            onChange={(event) => set({ scrubFields: event.target.value })}
          />
        </Field>
        <div className="field-row">
          <Field
            label="Retention (days)"
            hint="Empty: the server's default."
            problem={problem('retentionDays')}
          >
            <input
              type="number"
              name="retentionDays"
              min={1}
              max={3650}
              value={draft.retentionDays}
              onChange={(event) => set({ retentionDays: event.target.value })}
            />
          </Field>
          <Field
            label="Max events per issue"
            hint="Empty: no cap. Counts go on after the cap."
            problem={problem('maxEventsPerIssue')}
          >
            <input
              type="number"
              name="maxEventsPerIssue"
              min={1}
              value={draft.maxEventsPerIssue}
              onChange={(event) => set({ maxEventsPerIssue: event.target.value })}
            />
          </Field>
        </div>
        <RateLimitFields
          legend="Project quota (events accepted per window, all keys together)"
          value={draft.quota}
          onChange={(quota) => set({ quota })}
          problem={problem('quota')}
        />
        <Field
          label="Allowed origins"
          hint="One a line: https://app.example.com, example.com, *.example.com or *. Empty: any origin. Browser events from other origins are refused."
          problem={problem('allowedOrigins')}
        >
          <textarea
            name="allowedOrigins"
            rows={4}
            value={draft.allowedOrigins}
            onChange={(event) => set({ allowedOrigins: event.target.value })}
          />
        </Field>
        <GroupingField
          project={project}
          value={draft.groupingVersion}
          onChange={(groupingVersion) => set({ groupingVersion })}
          problem={problem('groupingVersion')}
        />
        {save.error !== undefined && !inline ? <ErrorNotice error={save.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {save.busy ? 'Saving…' : 'Save settings'}
          </button>
          {saved ? (
            <span className="form-status" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}
