/**
 * errorFromResponse: HTTP status + FinHub body → FinHubApiError code and message
 * (docs/finhub-contract.md#errors).
 */
import { expect } from '@open-wc/testing';
import { errorFromResponse, parseRetryAfter } from '../../src/api/errors.js';

const EP = 'POST /v2.1/customer/individual/registration';
const noHeaders = new Headers();

describe('errorFromResponse', () => {
  it('400 with data.errors[] → validation_failed with field errors', () => {
    const error = errorFromResponse(
      400,
      noHeaders,
      {
        code: 400,
        message: 'Request validation failed',
        data: {
          errors: [
            {
              field: 'matchingPassword',
              message: 'Password and matching password must be identical',
            },
            {
              field: 'individualCustomer.person.email',
              message: 'must be a well-formed email address',
            },
          ],
        },
      },
      EP,
    );
    expect(error.code).to.equal('validation_failed');
    expect(error.status).to.equal(400);
    expect(error.endpoint).to.equal(EP);
    expect(error.fieldErrors).to.deep.equal([
      { field: 'matchingPassword', message: 'Password and matching password must be identical' },
      { field: 'individualCustomer.person.email', message: 'must be a well-formed email address' },
    ]);
    expect(error.serverMessage).to.equal('Request validation failed');
    expect(error.message).to.equal(
      'invalid fields: matchingPassword, individualCustomer.person.email',
    );
    expect(error.retryable).to.equal(false);
  });

  it('400 with missingKeys / invalidValues → categorization_invalid', () => {
    const error = errorFromResponse(
      400,
      noHeaders,
      {
        code: 400,
        message: 'Categorization validation failed',
        data: {
          error: 'Invalid categorization',
          details: "Feature 'ENHANCED_AML_MONITORING' requires mandatory key 'riskLevel'",
          missingKeys: ['riskLevel'],
          invalidValues: {
            monitoring: 'HOURLY is not in allowed values: [WEEKLY, DAILY, REAL_TIME]',
          },
        },
      },
      EP,
    );
    expect(error.code).to.equal('categorization_invalid');
    expect(error.missingKeys).to.deep.equal(['riskLevel']);
    expect(error.invalidValues).to.deep.equal({
      monitoring: 'HOURLY is not in allowed values: [WEEKLY, DAILY, REAL_TIME]',
    });
    expect(error.serverMessage).to.equal(
      "Categorization validation failed: Invalid categorization: Feature 'ENHANCED_AML_MONITORING' requires mandatory key 'riskLevel'",
    );
  });

  it('other 400 → bad_request; a single data.field becomes a field error', () => {
    expect(
      errorFromResponse(400, noHeaders, { message: 'Missing required header(s)' }, EP).code,
    ).to.equal('bad_request');
    const single = errorFromResponse(
      400,
      noHeaders,
      { code: 400, message: 'Bad', data: { error: 'Invalid phone', field: 'phone' } },
      EP,
    );
    expect(single.code).to.equal('validation_failed');
    expect(single.fieldErrors).to.deep.equal([{ field: 'phone', message: 'Invalid phone' }]);
  });

  it('401 → unauthorized (token) or wrong-credentials wording for sign-ins', () => {
    const token = errorFromResponse(401, noHeaders, { code: 401, message: 'Invalid token' }, EP);
    expect(token.code).to.equal('unauthorized');
    expect(token.message).to.equal('token refused (expired or not valid)');
    const login = errorFromResponse(
      401,
      noHeaders,
      { code: 401, data: { attempts: 4, maxAttempts: 5 } },
      EP,
      {
        credentials: true,
      },
    );
    expect(login.code).to.equal('unauthorized');
    expect(login.message).to.equal('wrong email or password (attempts left: 1)');
  });

  it('401 with data.lockoutTime → account_locked (retryAfter from lockoutTime when no duration)', () => {
    const now = Date.parse('2026-01-14T11:00:00Z');
    const error = errorFromResponse(
      401,
      noHeaders,
      { code: 401, data: { errorType: 'AUTHENTICATION', lockoutTime: '2026-01-14T11:10:00Z' } },
      EP,
      { credentials: true, now },
    );
    expect(error.code).to.equal('account_locked');
    expect(error.retryAfter).to.equal(600);
    expect(error.message).to.equal('sign-in locked (retry after 600 s)');
  });

  it('403 → forbidden, 404 → not_found, 422 → unprocessable', () => {
    const forbidden = errorFromResponse(
      403,
      noHeaders,
      { code: 403, message: 'Tenant access denied' },
      EP,
    );
    expect(forbidden.code).to.equal('forbidden');
    expect(forbidden.serverMessage).to.equal('Tenant access denied');
    expect(errorFromResponse(404, noHeaders, { message: 'Customer Not Found' }, EP).code).to.equal(
      'not_found',
    );
    const rule = errorFromResponse(
      422,
      noHeaders,
      { code: 422, message: 'VERIFICATION_FAILED' },
      EP,
    );
    expect(rule.code).to.equal('unprocessable');
    expect(rule.message).not.to.contain('VERIFICATION_FAILED');
  });

  describe('409', () => {
    const cases: [string, unknown][] = [
      ['message mentions email', { code: 409, message: 'Customer with this email already exists' }],
      [
        'symbolic DUPLICATE_EMAIL',
        { code: 409, message: 'Conflict', data: { code: 'DUPLICATE_EMAIL' } },
      ],
      ['symbolic EMAIL_ALREADY_EXISTS', { code: 409, data: { error: 'EMAIL_ALREADY_EXISTS' } }],
      ['field is email', { code: 409, data: { errors: [{ field: 'email', message: 'taken' }] } }],
    ];
    for (const [name, body] of cases) {
      it(`→ duplicate_email when the ${name}`, () => {
        const error = errorFromResponse(409, noHeaders, body, EP);
        expect(error.code).to.equal('duplicate_email');
        expect(error.message).to.equal('email already registered');
        expect(error.fieldErrors[0]!.field).to.equal('email');
      });
    }

    it('→ conflict otherwise', () => {
      const error = errorFromResponse(
        409,
        noHeaders,
        { code: 409, message: 'Organization with this registration number already exists' },
        EP,
      );
      expect(error.code).to.equal('conflict');
      expect(error.fieldErrors).to.deep.equal([]);
    });
  });

  describe('429', () => {
    it('→ rate_limited with Retry-After seconds in the message', () => {
      const error = errorFromResponse(429, new Headers({ 'Retry-After': '30' }), undefined, EP);
      expect(error.code).to.equal('rate_limited');
      expect(error.retryAfter).to.equal(30);
      expect(error.message).to.equal('rate limited (retry after 30 s)');
      expect(error.retryable).to.equal(true);
    });

    it('→ rate_limited with an HTTP-date Retry-After', () => {
      const now = Date.parse('Wed, 14 Jan 2026 11:00:00 GMT');
      const error = errorFromResponse(
        429,
        new Headers({ 'Retry-After': 'Wed, 14 Jan 2026 11:05:00 GMT' }),
        {},
        EP,
        { now },
      );
      expect(error.retryAfter).to.equal(300);
      expect(error.message).to.equal('rate limited (retry after 300 s)');
    });

    it('→ rate_limited without Retry-After', () => {
      const error = errorFromResponse(429, noHeaders, { code: 429 }, EP);
      expect(error.retryAfter).to.equal(undefined);
      expect(error.message).to.equal('rate limited');
    });
  });

  it('5xx → server_error (retryable), also for a non-JSON body', () => {
    for (const status of [500, 502, 503, 504]) {
      const error = errorFromResponse(status, noHeaders, '<html>Bad gateway</html>', EP);
      expect(error.code).to.equal('server_error');
      expect(error.status).to.equal(status);
      expect(error.serverMessage).to.equal(undefined);
      expect(error.retryable).to.equal(true);
    }
  });

  it('413 → bad_request asking for a smaller file', () => {
    const error = errorFromResponse(413, noHeaders, undefined, EP);
    expect(error.code).to.equal('bad_request');
    expect(error.message).to.contain('too large');
  });

  it('never copies echoed request data into the message', () => {
    const error = errorFromResponse(
      400,
      noHeaders,
      {
        message: 'Bad password SecurePass123!',
        data: { errors: [{ field: 'password', message: 'SecurePass123! is weak' }] },
      },
      EP,
    );
    expect(error.message).not.to.contain('SecurePass123!');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, ignores junk', () => {
    const now = Date.parse('Wed, 14 Jan 2026 11:00:00 GMT');
    expect(parseRetryAfter('120', now)).to.equal(120);
    expect(parseRetryAfter('Wed, 14 Jan 2026 11:00:42 GMT', now)).to.equal(42);
    expect(parseRetryAfter('Wed, 14 Jan 2026 10:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });
});
