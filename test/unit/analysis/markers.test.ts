/** Fixture markers carry an optional severity; without one the rule's default is expected. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedMarkers } from '../helpers/fixtures';

test('expect markers: @severity, default severity, offsets before or after it', () => {
  const text = [
    '# expect: smb-internet-exposure',
    '# expect: smb-internet-exposure@warning',
    '# expect: smb-broad-private-exposure:+1, smb-outbound-internet@warning:+2',
    '# expect: smb-default-policy-exposure:+1@info',
  ].join('\n');
  assert.deepEqual(expectedMarkers(text), [
    '1:smb-internet-exposure@error',
    '2:smb-internet-exposure@warning',
    '4:smb-broad-private-exposure@warning',
    '5:smb-default-policy-exposure@info',
    '5:smb-outbound-internet@warning',
  ]);
});
