// Management API v1: the signed-in person's own settings (seed: Settings): name, phone
// verified by an SMS code, password change, two-factor authentication; and the account's rule
// that everyone needs a second factor (administrators). Own routes take the session only.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AccountPatch,
  AccountSettings,
  AvatarBody,
  CodeBody,
  EnableSecondFactor,
  MePatch,
  MeView,
  PasswordBody,
  PasswordChange,
  PhoneSent,
  PhoneStart,
  RecoveryCodes,
  TotpSetupView,
} from '../../contracts/me.ts';
import { ApiError } from '../../contracts/messages.ts';
import type { Preferences, User } from '../../people/ports.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { maskPhone } from '../../people/second-factor.ts';
import { decodeJsonBody } from '../body.ts';
import type { ApiDeps } from '../deps.ts';
import { sessionToken } from '../session-cookie.ts';
import { tokenHash } from '../../people/sessions.ts';
import { sendDataUrl } from './present.ts';

export function meRoutes(root: FastifyInstance, deps: ApiDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Settings'];
  const errors = { '4xx': ApiError };
  const own = { api: 'v1', needs: 'sender', own: true } as const;
  const { users, secondFactor } = deps.people;
  const me = (req: FastifyRequest) => req.caller!.user!;
  /** The user as stored now (a step above may have changed them). */
  const fresh = (u: User) => users.inAccount(u.accountId, u.id);
  const present = async (u: User) => ({
    email: u.email,
    name: u.name,
    role: u.role,
    account: u.accountName,
    phone: u.phone,
    phoneVerified: u.phoneVerified,
    secondFactor: u.secondFactor,
    recoveryCodesLeft: u.secondFactor === 'none' ? 0 : await secondFactor.recoveryCodesLeft(u),
    accountRequiresSecondFactor: u.accountRequiresSecondFactor,
    ...u.preferences,
    hasAvatar: u.hasAvatar,
  });

  app.get('/api/v1/me', { config: own, schema: { tags, summary: 'My settings', response: { 200: MeView, ...errors } }, handler: (req) => present(me(req)) });

  app.patch('/api/v1/me', {
    config: own,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Change my name, language, time zone, unicode detection, default sender', body: MePatch, response: { 200: MeView, ...errors } },
    handler: async (req) => {
      let user = me(req);
      const { name, ...preferences } = req.body;
      const now = Date.now();
      if (name !== undefined) user = await users.change({ user }, user, { name }, now);
      if (Object.keys(preferences).length) user = await users.setPreferences(user, preferences as Partial<Preferences>, now);
      return present(user);
    },
  });

  app.put('/api/v1/me/avatar', {
    config: own,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Set my profile image (PNG, JPEG or WebP, at most 256 kB, as a data: URL)', body: AvatarBody, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await users.setAvatar(me(req), req.body.image, Date.now());
      return reply.code(204).send(null);
    },
  });

  app.delete('/api/v1/me/avatar', {
    config: own,
    schema: { tags, summary: 'Remove my profile image', response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await users.setAvatar(me(req), null, Date.now());
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/me/avatar', {
    config: own,
    schema: { tags, summary: 'My profile image (404 when there is none)' },
    handler: async (req, reply) => {
      const image = await users.avatar(me(req));
      if (!image) throw new NotFoundError('no profile image');
      return sendDataUrl(reply, image, 'private, no-cache');
    },
  });

  app.post('/api/v1/me/password', {
    config: own,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Change my password with the current one; my other sessions end', body: PasswordChange, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      const token = sessionToken(req);
      await users.changePassword(me(req), req.body.currentPassword, req.body.newPassword, token ? tokenHash(token) : null, Date.now());
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/me/phone', {
    config: own,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Send a verification code by SMS to my phone (through Petrel, on my account’s traffic)', body: PhoneStart, response: { 202: PhoneSent, ...errors } },
    handler: async (req, reply) => {
      const phone = await secondFactor.startPhone(me(req), req.body.phone, Date.now());
      return reply.code(202).send({ phone, sentTo: maskPhone(phone) });
    },
  });

  app.post('/api/v1/me/phone/verify', {
    config: own,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Confirm my phone with the code it received (10 minutes, 5 tries)', body: CodeBody, response: { 200: MeView, ...errors } },
    handler: async (req) => {
      await secondFactor.confirmPhone(me(req), req.body.code, Date.now());
      return present(await fresh(me(req)));
    },
  });

  app.post('/api/v1/me/second-factor/totp', {
    config: own,
    schema: { tags, summary: 'Start setting up an authenticator app: a new secret and its QR code (active once a code confirms it)', response: { 200: TotpSetupView, ...errors } },
    handler: (req) => secondFactor.startTotp(me(req)),
  });

  app.post('/api/v1/me/second-factor', {
    config: own,
    preValidation: decodeJsonBody,
    schema: {
      tags,
      summary: 'Turn on two-factor sign-in (sms: needs a verified phone; totp: a code from the app); the recovery codes, once',
      body: EnableSecondFactor,
      response: { 200: RecoveryCodes, ...errors },
    },
    handler: async (req) => ({ recoveryCodes: await secondFactor.enable(me(req), req.body.method, req.body.code, Date.now()) }),
  });

  app.post('/api/v1/me/second-factor/disable', {
    config: own,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Turn two-factor sign-in off, with my password (not while my account requires it)', body: PasswordBody, response: { 204: Type.Null(), ...errors } },
    handler: async (req, reply) => {
      await secondFactor.disable(me(req), req.body.password, Date.now());
      return reply.code(204).send(null);
    },
  });

  const accountConfig = { api: 'v1', needs: 'admin', permission: 'users' } as const;
  const settings = async (req: FastifyRequest) => ({ name: req.caller!.accountName, requireSecondFactor: await secondFactor.required(req.caller!.accountId) });

  app.get('/api/v1/account', {
    config: accountConfig,
    schema: { tags, summary: 'My account’s sign-in rules', response: { 200: AccountSettings, ...errors } },
    handler: (req) => settings(req),
  });

  app.patch('/api/v1/account', {
    config: accountConfig,
    preValidation: decodeJsonBody,
    schema: { tags, summary: 'Require two-factor sign-in of everyone in my account', body: AccountPatch, response: { 200: AccountSettings, ...errors } },
    handler: async (req) => {
      if (req.body.requireSecondFactor !== undefined) await secondFactor.require(req.caller!.user ?? null, req.caller!.accountId, req.body.requireSecondFactor, Date.now());
      return settings(req);
    },
  });
}
