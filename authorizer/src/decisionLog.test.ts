import { formatDecisionLine } from './decisionLog';

it('writes the fields in a fixed order and leaves detail out when there is none', () => {
  const line = formatDecisionLine({
    latencyMs: 0.42,
    reason: 'granted',
    role: 'arn:aws:iam::000000000000:role/HealthImagingReader',
    decision: 'allow',
    datastoreId: '10ca1da7a5e0d1c0b0e00000000000a1',
    operation: 'GetDICOMInstance',
    clientId: 'ohif-viewer',
    subject: 'user-123',
  });
  expect(line).toBe(
    '{"subject":"user-123","clientId":"ohif-viewer","operation":"GetDICOMInstance","datastoreId":"10ca1da7a5e0d1c0b0e00000000000a1",' +
      '"decision":"allow","role":"arn:aws:iam::000000000000:role/HealthImagingReader","reason":"granted","latencyMs":0.42}',
  );
});

it('is a single line even when a detail has line breaks', () => {
  const line = formatDecisionLine({
    subject: null,
    clientId: null,
    operation: null,
    datastoreId: null,
    decision: 'deny',
    role: '',
    reason: 'bad-settings',
    detail: 'first\nsecond',
    latencyMs: 0,
  });
  expect(line.split('\n')).toHaveLength(1);
  expect(JSON.parse(line).detail).toBe('first\nsecond');
});
