/**
 * Joining a workspace by invitation, through the real server and auth: inviting answers the same for known and
 * unknown emails, nobody becomes a member without accepting, and only the invited account can accept, once.
 */

import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { Runtime } from '@agentflow/runtime';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app.js';
import { createTestRuntime } from './test-support/fixtures.js';

const PASSWORD = 'a long enough passphrase';

interface Invitation {
  id: string;
  email: string;
  role: string;
  status: string;
  delivery: string;
  token?: string;
}

describe('workspace invitations', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let owner: string;
  let ownerWorkspace: string;

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  async function register(email: string): Promise<{ access: string; userId: string }> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(201);
    return {
      access: res.cookies.find((c) => c.name === 'af_access')!.value,
      userId: (res.json() as { user: { id: string } }).user.id,
    };
  }
  const invite = (email: string, role = 'member', by = owner) =>
    app.inject({ method: 'POST', url: '/api/v1/members', headers: bearer(by), payload: { email, role } });
  const accept = (access: string, token: string | undefined) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      headers: bearer(access),
      payload: { token },
    });
  const memberEmails = async () =>
    (
      (await app.inject({ method: 'GET', url: '/api/v1/members', headers: bearer(owner) })).json() as {
        items: { email: string }[];
      }
    ).items.map((m) => m.email);
  /** The body with its values replaced by their types: what tells two answers apart. */
  const shape = (res: LightMyRequestResponse) =>
    Object.fromEntries(
      Object.entries(res.json() as Record<string, unknown>)
        .map(([k, v]) => [k, k === 'email' || k === 'id' || k === 'token' ? typeof v : v])
        .filter(([k]) => !['createdAt', 'expiresAt'].includes(k as string)),
    );

  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = await buildServer({ runtime, logger: false, rateLimiter: false });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'owner@invite.test', password: PASSWORD },
    });
    owner = res.cookies.find((c) => c.name === 'af_access')!.value;
    ownerWorkspace = (res.json() as { workspace: { id: string } }).workspace.id;
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('answers the same for an email with an account and one without, and adds nobody', async () => {
    const known = await register('known@invite.test');
    const a = await invite('Known@Invite.test');
    const b = await invite('nobody@invite.test');
    expect(a.statusCode).toBe(202);
    expect(b.statusCode).toBe(202);
    expect(shape(a)).toEqual(shape(b));
    expect(Object.keys(a.json()).sort()).toEqual(Object.keys(b.json()).sort());
    expect(await memberEmails()).toEqual(['owner@invite.test']);
    // The invitee has no access to the workspace before accepting.
    const before = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/switch-workspace',
      headers: bearer(known.access),
      payload: { workspaceId: ownerWorkspace },
    });
    expect(before.statusCode).toBe(404);
  });

  it('lets only the invited account accept, once; then it is a member with the role', async () => {
    const invitee = await register('ann@invite.test');
    const other = await register('mallory@invite.test');
    const created = (await invite('ann@invite.test', 'admin')).json() as Invitation;
    expect(created).toMatchObject({ email: 'ann@invite.test', role: 'admin', delivery: 'manual' });
    expect(created.token).toMatch(/^afi_/);

    const wrong = await accept(other.access, created.token);
    expect(wrong.statusCode).toBe(403);
    expect(await memberEmails()).not.toContain('mallory@invite.test');
    expect((await accept(invitee.access, 'afi_not-a-real-token')).statusCode).toBe(404);

    const ok = await accept(invitee.access, created.token);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ workspaceId: ownerWorkspace, role: 'admin' });
    expect(await memberEmails()).toContain('ann@invite.test');
    expect((await accept(invitee.access, created.token)).statusCode).toBe(404);

    const switched = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/switch-workspace',
      headers: bearer(invitee.access),
      payload: { workspaceId: ownerWorkspace },
    });
    expect(switched.statusCode).toBe(200);
    // An admin invites, but only an owner grants the owner role.
    const annAccess = switched.cookies.find((c) => c.name === 'af_access')!.value;
    expect((await invite('z@invite.test', 'viewer', annAccess)).statusCode).toBe(202);
    expect((await invite('z@invite.test', 'owner', annAccess)).statusCode).toBe(403);

    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=member.',
      headers: bearer(owner),
    });
    const actions = (audit.json() as { items: { action: string }[] }).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.invite', 'member.invite_accept']));
  });

  it('lets someone without an account register, then accept', async () => {
    const created = (await invite('later@invite.test', 'viewer')).json() as Invitation;
    const later = await register('later@invite.test');
    const ok = await accept(later.access, created.token);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'viewer' });
  });

  it('lists pending invitations with their tokens for admins; a revoked one cannot be accepted', async () => {
    const bob = await register('bob@invite.test');
    const first = (await invite('bob@invite.test')).json() as Invitation;
    // A new invitation for the same email replaces the pending one.
    const second = (await invite('bob@invite.test', 'viewer')).json() as Invitation;
    const list = await app.inject({ method: 'GET', url: '/api/v1/invitations', headers: bearer(owner) });
    const items = (list.json() as { items: Invitation[] }).items;
    const bobs = items.filter((i) => i.email === 'bob@invite.test');
    expect(bobs).toHaveLength(1);
    expect(bobs[0]).toMatchObject({ id: second.id, token: second.token, role: 'viewer' });
    expect((await accept(bob.access, first.token)).statusCode).toBe(404);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${second.id}`,
      headers: bearer(owner),
    });
    expect(revoked.statusCode).toBe(204);
    expect((await accept(bob.access, second.token)).statusCode).toBe(404);
    expect(await memberEmails()).not.toContain('bob@invite.test');
  });

  it('refuses invitations and their list to callers without member:manage', async () => {
    const member = (await invite('member2@invite.test', 'member')).json() as Invitation;
    const m2 = await register('member2@invite.test');
    await accept(m2.access, member.token);
    const switched = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/switch-workspace',
      headers: bearer(m2.access),
      payload: { workspaceId: ownerWorkspace },
    });
    const asMember = switched.cookies.find((c) => c.name === 'af_access')!.value;
    expect((await invite('x@invite.test', 'viewer', asMember)).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/invitations', headers: bearer(asMember) })).statusCode,
    ).toBe(403);
  });
});

/** A minimal SMTP server on 127.0.0.1 that keeps each message's DATA. */
async function fakeSmtp(): Promise<{ port: number; messages: string[]; close(): Promise<void> }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250 fake\r\n');
        else if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('workspace invitations by mail (AGENTFLOW_SMTP_URL)', () => {
  it('mails the token to the invitee and shows it to nobody else', async () => {
    const smtp = await fakeSmtp();
    const runtime = await createTestRuntime({
      env: {
        AGENTFLOW_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        AGENTFLOW_SMTP_FROM: 'agentflow@invite.test',
        AGENTFLOW_PUBLIC_URL: 'https://agentflow.invite.test',
      },
    });
    const app = await buildServer({ runtime, logger: false, rateLimiter: false });
    try {
      const reg = async (email: string) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/auth/register',
            payload: { email, password: PASSWORD },
          })
        ).cookies.find((c) => c.name === 'af_access')!.value;
      const owner = await reg('boss@mail.test');
      const invited = await app.inject({
        method: 'POST',
        url: '/api/v1/members',
        headers: { authorization: `Bearer ${owner}` },
        payload: { email: 'guest@mail.test', role: 'member' },
      });
      expect(invited.statusCode).toBe(202);
      expect(invited.json()).toMatchObject({ delivery: 'email' });
      expect(invited.json()).not.toHaveProperty('token');
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/invitations',
        headers: { authorization: `Bearer ${owner}` },
      });
      expect(JSON.stringify(list.json())).not.toContain('afi_');
      expect(smtp.messages).toHaveLength(1);
      const mail = smtp.messages[0]!.replace(/=\r\n/g, '').replace(/=3D/g, '=');
      expect(mail).toContain('guest@mail.test');
      const token = /token=(afi_[A-Za-z0-9_-]{43})/.exec(mail)?.[1];
      expect(token).toBeDefined();
      const guest = await reg('guest@mail.test');
      const accepted = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        headers: { authorization: `Bearer ${guest}` },
        payload: { token },
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
    } finally {
      await app.close();
      await runtime.close();
      await smtp.close();
    }
  });
});
