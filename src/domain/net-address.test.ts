import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKind } from './net-address.ts';

test('public addresses pass', () => {
  for (const ip of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e', '::ffff:8.8.8.8']) {
    assert.equal(addressKind(ip), 'public', ip);
  }
});

test('loopback, private, link-local and the other unroutable ranges are refused', () => {
  const refused = [
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.10',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fd12:3456::1',
    'fc00::1',
    'ff02::1',
    '2001:db8::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '::127.0.0.1',
    '[::1]',
  ];
  for (const ip of refused) assert.equal(addressKind(ip), 'private', ip);
});

test('edges of the ranges', () => {
  assert.equal(addressKind('172.15.255.255'), 'public');
  assert.equal(addressKind('172.32.0.0'), 'public');
  assert.equal(addressKind('100.63.255.255'), 'public');
  assert.equal(addressKind('100.128.0.0'), 'public');
  assert.equal(addressKind('169.253.255.255'), 'public');
  assert.equal(addressKind('fe7f:ffff::1'), 'public');
  assert.equal(addressKind('febf::1'), 'private');
});

test('not an address', () => {
  for (const s of ['', 'example.com', '256.1.1.1', '1.2.3', '1.2.3.4.5', '::1::2', '12345::', '1:2:3:4:5:6:7:8:9', 'g::1']) assert.equal(addressKind(s), 'invalid', s);
});
