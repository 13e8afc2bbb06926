import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AVATAR_MAX_BYTES, avatarProblem, isTimeZone } from './preferences.ts';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const url = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

test('time zones: IANA names the runtime knows', () => {
  for (const z of ['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata']) assert.ok(isTimeZone(z), z);
  for (const z of ['', 'Mars/Olympus', 'Europe/Berlin; DROP', 'x'.repeat(65)]) assert.ok(!isTimeZone(z), z);
});

test('a profile image is a PNG, JPEG or WebP by its bytes, at most 256 kB', () => {
  assert.equal(avatarProblem(url('image/png', png)), null);
  assert.equal(avatarProblem(url('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]))), null);
  assert.equal(avatarProblem(url('image/webp', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))), null);
  assert.match(avatarProblem(url('image/png', Buffer.from('<svg onload=alert(1)>')))!, /not the PNG it says/);
  assert.match(avatarProblem(url('image/webp', Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1')))!, /not the WEBP/);
  assert.match(avatarProblem(url('image/svg+xml', Buffer.from('<svg/>')))!, /PNG, JPEG or WebP/);
  assert.match(avatarProblem('data:image/png;base64,!!!')!, /PNG, JPEG or WebP/);
  assert.match(avatarProblem(url('image/png', Buffer.concat([png, Buffer.alloc(AVATAR_MAX_BYTES)])))!, /at most 256 kB/);
  assert.equal(avatarProblem(url('image/png', Buffer.concat([png, Buffer.alloc(AVATAR_MAX_BYTES - png.length)]))), null, 'exactly the limit');
});
