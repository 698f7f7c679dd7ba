import { useSession } from '../../../lib/session';
import { PasswordForm } from './password-form';
import { TokensPanel } from './tokens-panel';
import './account.css';

/** /account/: your password and your API tokens. */
export function AccountPage() {
  const { user } = useSession();
  return (
    <div className="account-page">
      <header className="page-head">
        <h1>Account</h1>
        <span className="account-who">
          {user.email} · {user.role}
        </span>
      </header>
      <TokensPanel />
      <PasswordForm />
    </div>
  );
}
