/** Logging in and out with a password, and who the caller is. */
import { z } from 'zod';
import { createSession, deleteSession } from '../../accounts/sessions.js';
import {
  verifyPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '../../accounts/password.js';
import { findLogin, updateUser } from '../../accounts/users.js';
import { clearedSessionCookie, isSecureRequest, sessionCookie } from '../cookies.js';
import { ApiError } from '../errors.js';
import { throttledPasswordCheck } from '../login-throttle.js';
import { json, noContent, route } from '../route.js';
import { userJson } from '../serialize.js';

const password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
export const newPassword = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);
/** A well-formed hash no password derives to, checked when the email is unknown. */
const UNKNOWN_EMAIL_HASH = 'scrypt$15$8$1$AAAA$AAAA';

export const authRoutes = [
  route({
    method: 'POST',
    path: '/api/0/auth/login/',
    summary: 'Log in with email and password; sets the session cookie',
    tag: 'auth',
    access: { public: true },
    body: z.object({ email: z.string().min(1).max(320), password }),
    async handle({ body, services, request }) {
      const { sql } = services.store;
      const login = await findLogin(sql, body.email);
      const valid = await throttledPasswordCheck(
        services.store,
        body.email,
        request.socket.remoteAddress,
        // Verify even for an unknown email, so the response time does not tell which exist.
        async () =>
          (await verifyPassword(body.password, login?.passwordHash ?? UNKNOWN_EMAIL_HASH)) &&
          login !== undefined,
      );
      if (login === undefined || !valid) throw new ApiError('invalid_credentials');
      const { secret, session } = await createSession(sql, login.user.id);
      const secure = isSecureRequest(request, services.publicUrl);
      return json({ user: userJson(login.user), csrfToken: session.csrfToken }, 200, {
        'set-cookie': sessionCookie(secret, secure),
      });
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/auth/logout/',
    summary: 'End this session (the cookie stops working at once)',
    tag: 'auth',
    access: { scope: 'read' },
    async handle({ principal, services, request }) {
      if (principal.session !== undefined) {
        await deleteSession(services.store.sql, principal.session.secretHash);
      }
      const reply = noContent();
      return {
        ...reply,
        headers: {
          'set-cookie': clearedSessionCookie(isSecureRequest(request, services.publicUrl)),
        },
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/0/auth/session/',
    summary: 'Who is calling, with the CSRF token writes from this session must send',
    tag: 'auth',
    access: { scope: 'read' },
    async handle({ principal }) {
      return json({
        user: userJson(principal.user),
        scope: principal.scope,
        csrfToken: principal.session?.csrfToken ?? null,
      });
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/auth/password/',
    summary:
      'Change your own password: ends all your sessions (this one too: log in again) and revokes ' +
      'your API tokens but the one making the change; answers how many of each ended. Wrong ' +
      'current passwords are throttled like failed logins',
    tag: 'auth',
    access: { scope: 'admin' },
    body: z.object({ currentPassword: password, newPassword }),
    async handle({ body, principal, services, request }) {
      const { sql } = services.store;
      const login = await findLogin(sql, principal.user.email);
      // Each check costs a memory-hard hash, and a stolen session must not make it a free oracle.
      const valid = await throttledPasswordCheck(
        services.store,
        principal.user.email,
        request.socket.remoteAddress,
        async () =>
          login !== undefined && (await verifyPassword(body.currentPassword, login.passwordHash)),
      );
      if (!valid) {
        throw new ApiError('invalid_credentials', 'the current password is wrong', {
          field: 'body.currentPassword',
        });
      }
      const ended = await updateUser(
        sql,
        principal.user.id,
        { password: body.newPassword },
        { keepTokenId: principal.tokenId },
      );
      return json(ended);
    },
  }),
];
