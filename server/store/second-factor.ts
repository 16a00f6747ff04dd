// The SecondFactorRepo contract: TOTP secrets (sealed by the caller), recovery-code digests,
// passkeys, pending logins, WebAuthn challenges and the org requirement. Every "use" is one
// conditional update, so that of two racing requests with the same code only one succeeds.

export interface TotpRecord {
  userId: number;
  /** Sealed by server/accounts/secret-box.ts; never the secret in clear. */
  secret: string;
  createdAt: string;
  confirmedAt: string | null;
  /** The last accepted RFC 6238 time step: a code of this step or earlier is refused. */
  lastUsedStep: number | null;
}

export interface PasskeyRecord {
  /** The credential id, base64url. */
  id: string;
  userId: number;
  name: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  /** JSON list of authenticator transports. */
  transports: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface PendingLoginRecord {
  idHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
}

export interface SecondFactorRepo {
  totp(userId: number): Promise<TotpRecord | undefined>;
  /** Starts (or restarts) an unconfirmed enrolment; false when a confirmed one exists. */
  putPendingTotp(userId: number, secret: string, at: string): Promise<boolean>;
  /** Marks the enrolment confirmed with the step of the code that proved it. */
  confirmTotp(userId: number, at: string, step: number): Promise<boolean>;
  /** Accepts a step only if it is later than the last accepted one (replay protection). */
  useTotpStep(userId: number, step: number): Promise<boolean>;
  deleteTotp(userId: number): Promise<boolean>;

  /** Replaces every recovery code of the user by these digests. */
  replaceRecoveryCodes(userId: number, codeHashes: string[], at: string): Promise<void>;
  /** Marks one unused code used; false when unknown or already used. */
  useRecoveryCode(userId: number, codeHash: string, at: string): Promise<boolean>;
  recoveryCodesLeft(userId: number): Promise<number>;
  deleteRecoveryCodes(userId: number): Promise<void>;

  passkeysOf(userId: number): Promise<PasskeyRecord[]>;
  passkey(id: string): Promise<PasskeyRecord | undefined>;
  addPasskey(passkey: PasskeyRecord): Promise<void>;
  /** Records a use: the new signature counter and the time. */
  touchPasskey(id: string, counter: number, at: string): Promise<void>;
  deletePasskey(userId: number, id: string): Promise<boolean>;

  createPendingLogin(pending: PendingLoginRecord): Promise<void>;
  pendingLogin(idHash: string): Promise<PendingLoginRecord | undefined>;
  deletePendingLogin(idHash: string): Promise<void>;
  /** Deletes expired pending logins and challenges; returns how many rows went. */
  purgeExpired(now: string): Promise<number>;

  /** Stores the challenge of a subject, replacing an earlier one. */
  putChallenge(subject: string, challenge: string, expiresAt: string): Promise<void>;
  /** Removes and returns the challenge if it has not expired: each is usable once. */
  takeChallenge(subject: string, now: string): Promise<string | undefined>;

  /** Of these users, those with a confirmed TOTP or a passkey (the members list shows it). */
  usersWithSecondFactor(userIds: number[]): Promise<number[]>;

  setOrgRequirement(orgId: number, required: boolean): Promise<void>;
  orgRequirement(orgId: number): Promise<boolean>;
  /** The ids of the user's orgs that require a second factor. */
  requiringOrgsOf(userId: number): Promise<number[]>;
}
