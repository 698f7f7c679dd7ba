import type { ExceptionValue } from '@faultline/protocol';
import { orderCauseChain } from '../lib/cause-chain';
import { ExceptionView } from './exception-view';

/** The exceptions as a chain: the error that was caught first, then down to the root cause. */
export function CauseChainView({ values }: { values: readonly ExceptionValue[] }) {
  const chain = orderCauseChain(values);
  return (
    <ol className="cause-chain" aria-label="Exceptions, outermost first">
      {chain.map((link, index) => (
        <ExceptionView
          key={index}
          exception={link.exception}
          relation={link.relation}
          depth={link.depth}
        />
      ))}
    </ol>
  );
}
