import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../api.js';
import { errorText } from './api-errors.js';
import './all-catalogs.js';
import { setLang } from './locale.js';

describe('errors shown in the UI', () => {
  afterEach(() => setLang('en'));

  it('words the codes that mean one thing in the reader’s language', async () => {
    const limited = new ApiFailure(429, 'rate_limited', 'too many requests');
    expect(errorText(limited)).toBe('Too many attempts: wait a moment and try again.');
    await setLang('fr');
    expect(errorText(limited)).toBe(
      'Trop de tentatives\u202f: patientez un instant puis réessayez.',
    );
    expect(errorText(new ApiFailure(502, 'error', 'HTTP 502'))).toBe(
      'Le serveur a répondu par une erreur (HTTP 502).',
    );
    expect(errorText(new TypeError('Failed to fetch'))).toBe(
      'Le serveur est injoignable. Vérifiez la connexion puis réessayez.',
    );
  });

  it('keeps the server’s sentence for codes that cover many cases', () => {
    const invalid = new ApiFailure(400, 'bad_request', 'retentionMonths: 1 to 120');
    expect(errorText(invalid)).toBe('retentionMonths: 1 to 120');
  });
});
