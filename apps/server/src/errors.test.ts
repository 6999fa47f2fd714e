import { AgentFlowError, ERROR_CODES, type ErrorCode } from '@agentflow/protocol';
import { describe, expect, it } from 'vitest';
import { HTTP_STATUS, INTERNAL_MESSAGE, RequestValidationError, toErrorReply } from './errors.js';

describe('error mapping', () => {
  it('maps every error code to a status, by kind', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[])
      expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
    expect(HTTP_STATUS.AF_VALIDATION).toBe(400);
    expect(HTTP_STATUS.AF_UNAUTHENTICATED).toBe(401);
    expect(HTTP_STATUS.AF_FORBIDDEN).toBe(403);
    expect(HTTP_STATUS.AF_NOT_FOUND).toBe(404);
    expect(HTTP_STATUS.AF_CONFLICT).toBe(409);
    expect(HTTP_STATUS.AF_RATE_LIMITED).toBe(429);
    expect(HTTP_STATUS.AF_PROVIDER_ERROR).toBe(502);
    expect(HTTP_STATUS.AF_INTERNAL).toBe(500);
  });

  it('keeps the code, message and issues of client errors', () => {
    const reply = toErrorReply(
      new AgentFlowError('AF_VALIDATION', 'bad', {
        issues: [{ code: 'AF_INVALID_CONFIG', path: 'agents[0].config', message: 'nope' }],
      }),
      'req-1',
    );
    expect(reply).toMatchObject({ status: 400, fault: false });
    expect(reply.body).toEqual({
      error: {
        code: 'AF_VALIDATION',
        message: 'bad',
        issues: [{ code: 'AF_INVALID_CONFIG', path: 'agents[0].config', message: 'nope' }],
        requestId: 'req-1',
      },
    });
  });

  it('sends Retry-After with rate-limit errors', () => {
    const reply = toErrorReply(new AgentFlowError('AF_RATE_LIMITED', 'slow down', { retryAfterMs: 1500 }));
    expect(reply.status).toBe(429);
    expect(reply.headers['retry-after']).toBe('2');
  });

  it('hides the details of server faults and of anything unknown', () => {
    const internal = toErrorReply(new AgentFlowError('AF_INTERNAL', 'db password is hunter2'));
    expect(internal).toMatchObject({ status: 500, fault: true });
    expect(internal.body.error.message).toBe(INTERNAL_MESSAGE);
    const unknown = toErrorReply(new TypeError('x is undefined at /srv/app.js:10'));
    expect(unknown.status).toBe(500);
    expect(JSON.stringify(unknown.body)).not.toContain('app.js');
  });

  it('turns request validation problems into issues with JS-style paths', () => {
    const zodLike = new RequestValidationError('querystring', [{ path: ['limit'], message: 'too small' }]);
    expect(toErrorReply(zodLike).body.error.issues).toEqual([
      { path: 'query.limit', message: 'too small', code: 'AF_VALIDATION' },
    ]);
    const body = new RequestValidationError('body', [{ path: ['agents', 2, 'id'], message: 'bad' }]);
    expect(toErrorReply(body).body.error.issues?.[0]?.path).toBe('agents[2].id');
    const ajvLike = Object.assign(new Error('body/agents/0 must have required property'), {
      statusCode: 400,
      validation: [{ instancePath: '/agents/0', message: 'required', params: { missingProperty: 'type' } }],
      validationContext: 'body',
    });
    expect(toErrorReply(ajvLike).body.error.issues?.[0]?.path).toBe('agents[0].type');
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(toErrorReply(tooLarge)).toMatchObject({
      status: 413,
      body: { error: { code: 'AF_LIMIT_EXCEEDED' } },
    });
  });
});
