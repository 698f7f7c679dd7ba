/** Managing people: admins only. */
import { z } from 'zod';
import {
  DuplicateEmailError,
  ROLES,
  allMemberships,
  createUser,
  deleteUser,
  getUser,
  listUsers,
  memberProjectIds,
  setMemberships,
  updateUser,
} from '../../accounts/users.js';
import type { User } from '../../accounts/users.js';
import type { Sql } from '../../store/sql.js';
import { ApiError } from '../errors.js';
import { json, noContent, route } from '../route.js';
import { id, label } from '../schemas.js';
import { userJson } from '../serialize.js';
import { newPassword } from './auth.js';

const ADMIN = { scope: 'admin', role: 'admin' } as const;
const userParams = z.object({ userId: id });
const projectIds = z.array(id).max(10_000);

/** Admins see every project: `projects` is null for them, not a list. */
function withProjects(user: User, memberOf: readonly number[] | undefined) {
  return { ...userJson(user), projects: user.role === 'admin' ? null : (memberOf ?? []) };
}

async function userWithProjects(sql: Sql, user: User) {
  return withProjects(user, await memberProjectIds(sql, user.id));
}

async function existingUser(sql: Sql, userId: number): Promise<User> {
  const user = await getUser(sql, userId);
  if (user === undefined) throw new ApiError('not_found', `no user ${userId}`);
  return user;
}

export const userRoutes = [
  route({
    method: 'GET',
    path: '/api/0/users/',
    summary: 'List users, with the projects each member sees',
    tag: 'users',
    access: ADMIN,
    async handle({ services }) {
      const { sql } = services.store;
      const memberships = await allMemberships(sql);
      return json(
        (await listUsers(sql)).map((user) => withProjects(user, memberships.get(user.id))),
      );
    },
  }),
  route({
    method: 'POST',
    path: '/api/0/users/',
    summary: 'Create a user',
    tag: 'users',
    access: ADMIN,
    body: z.object({
      email: z.email().max(320),
      name: label(200).optional(),
      password: newPassword,
      role: z.enum(ROLES),
      projects: projectIds.optional(),
    }),
    async handle({ body, services }) {
      const { sql } = services.store;
      try {
        const user = await createUser(sql, body);
        if (body.projects !== undefined) await setMemberships(sql, user.id, body.projects);
        return json(await userWithProjects(sql, user), 201);
      } catch (error) {
        if (error instanceof DuplicateEmailError) {
          throw new ApiError('conflict', error.message, { field: 'body.email' });
        }
        throw error;
      }
    },
  }),
  route({
    method: 'PUT',
    path: '/api/0/users/:userId/',
    summary:
      "Change a user's name, role, password or projects. A new password ends all the user's " +
      'sessions and revokes their API tokens: the answer says how many of each ended. Your own ' +
      'password is changed with auth/password/ instead',
    tag: 'users',
    access: ADMIN,
    params: userParams,
    body: z.object({
      name: label(200).optional(),
      role: z.enum(ROLES).optional(),
      password: newPassword.optional(),
      projects: projectIds.optional(),
    }),
    async handle({ params, body, principal, services }) {
      const { sql } = services.store;
      await existingUser(sql, params.userId);
      if (params.userId === principal.user.id && body.role === 'member') {
        throw new ApiError('conflict', 'you cannot take away your own admin role', {
          field: 'body.role',
        });
      }
      // Whoever holds an admin's session or token must not set the password without knowing it.
      if (params.userId === principal.user.id && body.password !== undefined) {
        throw new ApiError(
          'conflict',
          'change your own password with PUT /api/0/auth/password/, which asks for the current one',
          { field: 'body.password' },
        );
      }
      const ended = await updateUser(sql, params.userId, body);
      if (body.projects !== undefined) await setMemberships(sql, params.userId, body.projects);
      return json({
        ...(await userWithProjects(sql, await existingUser(sql, params.userId))),
        ...(body.password === undefined ? {} : ended),
      });
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/0/users/:userId/',
    summary: 'Delete a user, their sessions and their tokens',
    tag: 'users',
    access: ADMIN,
    params: userParams,
    async handle({ params, principal, services }) {
      if (params.userId === principal.user.id) {
        throw new ApiError('conflict', 'you cannot delete yourself');
      }
      if (!(await deleteUser(services.store.sql, params.userId))) {
        throw new ApiError('not_found', `no user ${params.userId}`);
      }
      return noContent();
    },
  }),
];
