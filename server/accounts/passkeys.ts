// Passkeys (WebAuthn) as a second factor, through @simplewebauthn/server. The relying party is
// POMELO_PUBLIC_URL (its host is the RP ID); without it, the origin the request came to (dev).
// Each challenge is stored server-side for 5 minutes and taken once (webauthn_challenges).
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Context } from 'hono';
import type { UserRecord } from '../store/accounts.js';
import type { PasskeyRecord } from '../store/second-factor.js';
import { depsOf, publicBase, type AccountsDeps } from './context.js';

const challengeMs = 5 * 60_000;

export function relyingParty(c: Context): { rpID: string; origin: string } {
  const origin = publicBase(c);
  return { rpID: new URL(origin).hostname, origin };
}

const transportsOf = (p: PasskeyRecord) => JSON.parse(p.transports) as never[];
const expires = (deps: AccountsDeps) => new Date(deps.now() + challengeMs).toISOString();
const nowIso = (deps: AccountsDeps) => new Date(deps.now()).toISOString();

/** Options for navigator.credentials.create(); the user's existing passkeys are excluded. */
export async function registrationOptions(c: Context, user: UserRecord) {
  const deps = depsOf(c);
  const existing = await deps.store.secondFactor.passkeysOf(user.id);
  const options = await generateRegistrationOptions({
    rpName: 'Pomelo',
    rpID: relyingParty(c).rpID,
    userName: user.email,
    userID: new TextEncoder().encode(`pomelo-user-${user.id}`),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await deps.store.secondFactor.putChallenge(`reg:${user.id}`, options.challenge, expires(deps));
  return options;
}

/** Verifies the attestation against the stored challenge and keeps the credential. */
export async function registerPasskey(
  c: Context,
  user: UserRecord,
  response: RegistrationResponseJSON,
  name: string,
): Promise<PasskeyRecord | undefined> {
  const deps = depsOf(c);
  const challenge = await deps.store.secondFactor.takeChallenge(`reg:${user.id}`, nowIso(deps));
  if (!challenge) return undefined;
  const { rpID, origin } = relyingParty(c);
  let result;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
    });
  } catch {
    return undefined;
  }
  if (!result.verified) return undefined;
  const { credential } = result.registrationInfo;
  if (await deps.store.secondFactor.passkey(credential.id)) return undefined;
  const record: PasskeyRecord = {
    id: credential.id,
    userId: user.id,
    name,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports ?? []),
    createdAt: nowIso(deps),
    lastUsedAt: null,
  };
  await deps.store.secondFactor.addPasskey(record);
  return record;
}

/** Options for navigator.credentials.get() during the second step of a sign-in. */
export async function authenticationOptions(c: Context, pendingHash: string, userId: number) {
  const deps = depsOf(c);
  const passkeys = await deps.store.secondFactor.passkeysOf(userId);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(c).rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: transportsOf(p) })),
    userVerification: 'preferred',
  });
  await deps.store.secondFactor.putChallenge(
    `login:${pendingHash}`,
    options.challenge,
    expires(deps),
  );
  return { options, count: passkeys.length };
}

/** True when the assertion is by one of the user's passkeys and answers the stored challenge. */
export async function verifyPasskey(
  c: Context,
  pendingHash: string,
  userId: number,
  response: AuthenticationResponseJSON,
): Promise<boolean> {
  const deps = depsOf(c);
  const challenge = await deps.store.secondFactor.takeChallenge(
    `login:${pendingHash}`,
    nowIso(deps),
  );
  const passkey = await deps.store.secondFactor.passkey(response.id);
  if (!challenge || !passkey || passkey.userId !== userId) return false;
  const { rpID, origin } = relyingParty(c);
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: transportsOf(passkey),
      },
    });
    if (!result.verified) return false;
    await deps.store.secondFactor.touchPasskey(
      passkey.id,
      result.authenticationInfo.newCounter,
      nowIso(deps),
    );
    return true;
  } catch {
    return false;
  }
}
