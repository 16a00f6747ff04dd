// Typed client for the second-factor API (docs/API.md, "Second factor"). The WebAuthn browser
// library is loaded only when a passkey is used (a separate chunk, not in the main bundle).
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { call } from './api.js';

export interface SecondFactorStatus {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
  recoveryCodesLeft: number;
  requiredBy: number[];
}

/** What POST /api/auth/login answers when a second factor is needed. */
export interface SecondStepOffer {
  token: string;
  totp: boolean;
  passkey: boolean;
  recoveryCode: boolean;
}

/** Re-authentication before a removal: the password, or a current code. */
export type Proof = { password: string } | { code: string };

const base = '/api/auth/second-factor';
const webauthn = () => import('@simplewebauthn/browser');

export const secondFactorApi = {
  status: () => call<SecondFactorStatus>('GET', base),
  beginTotp: () => call<{ secret: string; uri: string; qr: string }>('POST', `${base}/totp`),
  confirmTotp: (code: string) =>
    call<{ recoveryCodes: string[] | null }>('POST', `${base}/totp/confirm`, { code }),
  removeTotp: (proof: Proof) => call<void>('POST', `${base}/totp/remove`, proof),
  newRecoveryCodes: (proof: Proof) =>
    call<{ recoveryCodes: string[] }>('POST', `${base}/recovery-codes`, proof),
  addPasskey: async (name: string) => {
    const optionsJSON = await call<PublicKeyCredentialCreationOptionsJSON>(
      'POST',
      `${base}/passkeys/options`,
    );
    const response = await (await webauthn()).startRegistration({ optionsJSON });
    return call<{ passkey: { id: string; name: string }; recoveryCodes: string[] | null }>(
      'POST',
      `${base}/passkeys`,
      { name, response },
    );
  },
  removePasskey: (id: string, proof: Proof) =>
    call<void>('POST', `${base}/passkeys/${encodeURIComponent(id)}/remove`, proof),

  /** The second step of a sign-in, with one of the three factors. */
  signInWithCode: (token: string, code: string) =>
    call<unknown>('POST', '/api/auth/login/second-factor', { token, code }),
  signInWithRecoveryCode: (token: string, recoveryCode: string) =>
    call<unknown>('POST', '/api/auth/login/second-factor', { token, recoveryCode }),
  signInWithPasskey: async (token: string) => {
    const optionsJSON = await call<PublicKeyCredentialRequestOptionsJSON>(
      'POST',
      '/api/auth/login/passkey-options',
      { token },
    );
    const passkey = await (await webauthn()).startAuthentication({ optionsJSON });
    return call<unknown>('POST', '/api/auth/login/second-factor', { token, passkey });
  },

  orgRequirement: (orgId: number) =>
    call<{ required: boolean }>('GET', `/api/orgs/${orgId}/second-factor`),
  setOrgRequirement: (orgId: number, required: boolean) =>
    call<{ required: boolean }>('PUT', `/api/orgs/${orgId}/second-factor`, { required }),
};
