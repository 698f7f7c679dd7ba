import type { SentryEvent, Thread } from '@faultline/protocol';
import { KeyValueTable } from '../../../components/key-value-table';
import { entriesOf } from '../../../lib/format-value';
import { BreadcrumbsView } from './breadcrumbs-view';
import { CauseChainView } from './cause-chain-view';
import { RequestView } from './request-view';
import { Section } from './section';
import { StackTraceView } from './stack-trace-view';
import { TagsView } from './tags-view';

/**
 * Everything in one normalized event, section by section. It is all attacker-controlled: every
 * value reaches the page as React text (escaped), never as markup.
 */
export function EventView({ event, projectId }: { event: SentryEvent; projectId: number }) {
  const exceptions = event.exception?.values ?? [];
  const message = event.logentry?.formatted ?? event.logentry?.message;
  const threads = (event.threads?.values ?? []).filter(
    (thread) => (thread.stacktrace?.frames.length ?? 0) > 0,
  );
  const breadcrumbs = event.breadcrumbs?.values ?? [];
  const tags = event.tags ?? {};
  const contexts = Object.entries(event.contexts ?? {}).filter(
    ([, context]) => entriesOf(context).length > 0,
  );
  return (
    <div className="event-view">
      <Section title="Message" show={message !== undefined}>
        <pre className="event-message">{message}</pre>
      </Section>
      <Section title="Exception" show={exceptions.length > 0}>
        <CauseChainView values={exceptions} />
      </Section>
      <Section title="Threads" show={exceptions.length === 0 && threads.length > 0}>
        {threads.map((thread, index) => (
          <ThreadView key={index} thread={thread} />
        ))}
      </Section>
      <Section title="Tags" show={Object.keys(tags).length > 0}>
        <TagsView tags={tags} projectId={projectId} />
      </Section>
      <Section title="Breadcrumbs" show={breadcrumbs.length > 0}>
        <BreadcrumbsView breadcrumbs={breadcrumbs} />
      </Section>
      <Section title="Request" show={event.request !== undefined}>
        {event.request === undefined ? null : <RequestView request={event.request} />}
      </Section>
      <Section title="User" show={event.user !== undefined}>
        <KeyValueTable entries={entriesOf(event.user)} label="User" />
      </Section>
      <Section title="Contexts" show={contexts.length > 0}>
        <div className="contexts">
          {contexts.map(([name, context]) => (
            <div key={name} className="context">
              <h3>{name}</h3>
              <KeyValueTable entries={entriesOf(context)} label={`Context ${name}`} />
            </div>
          ))}
        </div>
      </Section>
      <Section title="Additional data" show={Object.keys(event.extra ?? {}).length > 0}>
        <KeyValueTable entries={entriesOf(event.extra)} label="Additional data" />
      </Section>
      <Section title="Details">
        <KeyValueTable entries={detailsOf(event)} label="Details" />
      </Section>
    </div>
  );
}

function ThreadView({ thread }: { thread: Thread }) {
  const name = thread.name ?? (thread.id === undefined ? 'Thread' : `Thread ${thread.id}`);
  return (
    <article className="exception-card">
      <header className="exception-head">
        <span className="exception-type">{name}</span>
        {thread.crashed === true ? <span className="badge level-fatal">crashed</span> : null}
      </header>
      <StackTraceView stacktrace={thread.stacktrace} rawStacktrace={thread.raw_stacktrace} />
    </article>
  );
}

function detailsOf(event: SentryEvent): Array<[string, unknown]> {
  const rows: Array<[string, unknown]> = [
    ['event id', event.event_id],
    ['platform', event.platform],
    ['level', event.level],
    ['environment', event.environment],
    ['release', event.release],
    ['dist', event.dist],
    ['server', event.server_name],
    ['transaction', event.transaction],
    ['logger', event.logger],
    ['fingerprint', event.fingerprint?.join(' · ')],
    ['sdk', event.sdk === undefined ? undefined : `${event.sdk.name} ${event.sdk.version}`],
  ];
  return rows.filter(([, value]) => value !== undefined && value !== '');
}
