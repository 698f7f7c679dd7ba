import type { RequestData } from '@faultline/protocol';
import { KeyValueTable } from '../../../components/key-value-table';
import { entriesOf, formatValue } from '../../../lib/format-value';
import { safeHttpUrl } from '../../../lib/safe-url';

/** The HTTP request the error happened in. Its URL is a link only when it is http(s). */
export function RequestView({ request }: { request: RequestData }) {
  const href = safeHttpUrl(request.url);
  const query =
    typeof request.query_string === 'string'
      ? request.query_string
      : entriesOf(request.query_string);
  return (
    <div className="request">
      <p className="request-line">
        {request.method === undefined ? null : <b>{request.method} </b>}
        {href === undefined ? (
          <span className="request-url">{request.url ?? ''}</span>
        ) : (
          <a className="request-url" href={href} target="_blank" rel="noopener noreferrer nofollow">
            {request.url}
          </a>
        )}
      </p>
      {typeof query === 'string' ? (
        query === '' ? null : (
          <KeyValueTable entries={[['query', query]]} label="Query string" />
        )
      ) : (
        <KeyValueTable entries={query} label="Query string" />
      )}
      {request.headers === undefined ? null : (
        <>
          <h3>Headers</h3>
          <KeyValueTable entries={Object.entries(request.headers)} label="Headers" />
        </>
      )}
      {request.cookies === undefined ? null : (
        <>
          <h3>Cookies</h3>
          {typeof request.cookies === 'string' ? (
            <pre>{request.cookies}</pre>
          ) : (
            <KeyValueTable entries={entriesOf(request.cookies)} label="Cookies" />
          )}
        </>
      )}
      {request.data === undefined ? null : (
        <>
          <h3>Body</h3>
          <pre className="request-body">{formatValue(request.data)}</pre>
        </>
      )}
      {request.env === undefined ? null : (
        <>
          <h3>Environment</h3>
          <KeyValueTable entries={Object.entries(request.env)} label="Request environment" />
        </>
      )}
    </div>
  );
}
