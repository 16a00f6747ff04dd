import { describe, expect, test } from 'vitest';
import { forwardedHttps, isLoopbackHost, originAllowed } from './origins.js';

const noPublicUrl = { configured: [], publicUrlSet: false };
const onLoopback = { address: '127.0.0.1', port: 8080 };

describe('originAllowed (CSRF)', () => {
  test('npm start on 127.0.0.1:8080: the page it serves may change state', () => {
    expect(originAllowed('http://127.0.0.1:8080', noPublicUrl, onLoopback)).toBe(true);
    expect(originAllowed('http://localhost:8080', noPublicUrl, onLoopback)).toBe(true);
    expect(originAllowed('http://[::1]:8080', noPublicUrl, { address: '::1', port: 8080 })).toBe(
      true,
    );
    expect(
      originAllowed('http://127.0.0.1:8080', noPublicUrl, {
        address: '::ffff:127.0.0.1',
        port: 8080,
      }),
    ).toBe(true);
  });

  test('DNS rebinding: a host name resolving to this server is not this server’s origin', () => {
    expect(originAllowed('http://evil.example:8080', noPublicUrl, onLoopback)).toBe(false);
    expect(originAllowed('http://127.0.0.1.nip.io:8080', noPublicUrl, onLoopback)).toBe(false);
  });

  test('another port, or a loopback name on a LAN socket, is another origin', () => {
    expect(originAllowed('http://127.0.0.1:3000', noPublicUrl, onLoopback)).toBe(false);
    expect(originAllowed('http://127.0.0.1', noPublicUrl, onLoopback)).toBe(false);
    const lan = { address: '192.168.1.5', port: 8080 };
    expect(originAllowed('http://192.168.1.5:8080', noPublicUrl, lan)).toBe(true);
    expect(originAllowed('http://localhost:8080', noPublicUrl, lan)).toBe(false);
    expect(originAllowed('http://192.168.1.6:8080', noPublicUrl, lan)).toBe(false);
  });

  test('garbage and non-web origins are refused', () => {
    for (const o of ['null', '', 'file://', 'http://127.0.0.1:8080/path', 'ftp://127.0.0.1:8080']) {
      expect(originAllowed(o, noPublicUrl, onLoopback)).toBe(false);
    }
    expect(
      originAllowed('http://127.0.0.1:8080', noPublicUrl, { address: undefined, port: undefined }),
    ).toBe(false);
  });

  test('with POMELO_PUBLIC_URL only the configured origins', () => {
    const policy = {
      configured: ['https://stats.example.com', 'https://admin.example.com'],
      publicUrlSet: true,
    };
    expect(originAllowed('https://stats.example.com', policy, onLoopback)).toBe(true);
    expect(originAllowed('https://admin.example.com', policy, onLoopback)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8080', policy, onLoopback)).toBe(false);
    expect(originAllowed('http://stats.example.com', policy, onLoopback)).toBe(false);
  });

  test('POMELO_ALLOWED_ORIGINS without a public URL adds to the socket origin', () => {
    const policy = { configured: ['https://stats.example.com'], publicUrlSet: false };
    expect(originAllowed('https://stats.example.com', policy, onLoopback)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8080', policy, onLoopback)).toBe(true);
  });

  test('loopback names', () => {
    expect(isLoopbackHost('127.8.9.10')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.evil.example')).toBe(false);
  });
});

describe('forwardedHttps', () => {
  test('the first value, the one the client-facing proxy wrote', () => {
    expect(forwardedHttps('https')).toBe(true);
    expect(forwardedHttps('HTTPS')).toBe(true);
    expect(forwardedHttps('https, http')).toBe(true);
    expect(forwardedHttps('http')).toBe(false);
    expect(forwardedHttps('http, https')).toBe(false);
    expect(forwardedHttps(undefined)).toBe(false);
    expect(forwardedHttps('')).toBe(false);
  });
});
