import { useEventAttachments } from '../api/use-event-attachments';
import { useClient } from '../../../lib/session';
import { Section } from './section';

/** The files that came with the event, each a download (the server sends them as octet-stream). */
export function AttachmentsView({ projectId, eventId }: { projectId: number; eventId: string }) {
  const client = useClient();
  const attachments = useEventAttachments(projectId, eventId);
  if (attachments.data === undefined || attachments.data.length === 0) return null;
  return (
    <Section title="Attachments">
      <ul className="attachments">
        {attachments.data.map((attachment) => (
          <li key={attachment.id}>
            <a
              href={client.attachmentUrl(projectId, eventId, attachment.id)}
              download={attachment.filename}
            >
              {attachment.filename}
            </a>{' '}
            <span className="muted">
              {attachment.size.toLocaleString()} bytes
              {attachment.contentType === null ? '' : ` · ${attachment.contentType}`}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
