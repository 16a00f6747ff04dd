// The SMTP transport from POMELO_SMTP_URL against a real SMTP server on 127.0.0.1: STARTTLS when
// the server offers it, plain otherwise, authentication, and failures reduced to short codes that
// never carry the password.
import { afterEach, expect, test } from 'vitest';
import { createMailTransport, MailSendError } from '../../server/mail/transport.js';
import { smtpPassword, startSmtp, type TestSmtp } from '../support/smtp.js';

const servers: TestSmtp[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const message = {
  to: 'client@client.test',
  subject: 'hello',
  text: 'text part',
  html: '<p>html part</p>',
  messageId: '<fixed-id@pomelo.test>',
  headers: { 'List-Unsubscribe': '<https://stats.example/mail/unsubscribe?x>' },
  date: new Date('2026-11-30T07:00:00Z'),
};

function transport(url: string) {
  return createMailTransport({
    smtpUrl: url,
    mailFrom: 'Pomelo <stats@pomelo.test>',
    mailLeaseSeconds: 30,
  })!;
}

test('STARTTLS when the server offers it; plain SMTP when it does not', async () => {
  const tls = await startSmtp({ startTls: true });
  const plain = await startSmtp();
  servers.push(tls, plain);
  // The test server's certificate is self-signed: trusted through the URL, as an operator would.
  await transport(`${tls.url}?tls.rejectUnauthorized=false`).send(message);
  await transport(plain.url).send(message);
  expect(tls.delivered.map((m) => m.secure)).toEqual([true]);
  expect(plain.delivered.map((m) => m.secure)).toEqual([false]);
  const got = tls.delivered[0]!;
  expect(got.mail.messageId).toBe('<fixed-id@pomelo.test>');
  expect(got.mail.from?.value).toEqual([{ name: 'Pomelo', address: 'stats@pomelo.test' }]);
  expect([got.mail.text?.trim(), got.mail.html]).toEqual(['text part', '<p>html part</p>']);
});

test('a self-signed certificate is refused unless the URL trusts it; a wrong password is EAUTH', async () => {
  const tls = await startSmtp({ startTls: true });
  servers.push(tls);
  const refused = await transport(tls.url)
    .send(message)
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(MailSendError);
  expect((refused as MailSendError).reason).toMatch(/^[A-Z_]+( \d+)?$/);
  const wrong = tls.url.replace(smtpPassword, 'not-the-password');
  const auth = await transport(`${wrong}?tls.rejectUnauthorized=false`)
    .send(message)
    .catch((e: unknown) => e);
  expect((auth as MailSendError).reason).toBe('EAUTH 535');
  expect(String((auth as Error).message)).not.toContain('not-the-password');
  expect(tls.delivered).toHaveLength(0);
});

test('no POMELO_SMTP_URL, or no sender: no transport', () => {
  expect(
    createMailTransport({ smtpUrl: undefined, mailFrom: 'a@b.c', mailLeaseSeconds: 30 }),
  ).toBeUndefined();
  expect(
    createMailTransport({ smtpUrl: 'smtp://h:25', mailFrom: undefined, mailLeaseSeconds: 30 }),
  ).toBeUndefined();
});
