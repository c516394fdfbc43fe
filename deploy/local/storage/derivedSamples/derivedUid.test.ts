import { derivedUid } from './derivedUid';

describe('derivedUid', () => {
  it('gives the same UID for the same name and another for another name', () => {
    expect(derivedUid('segmentation of 1.2.3')).toBe(derivedUid('segmentation of 1.2.3'));
    expect(derivedUid('segmentation of 1.2.3')).not.toBe(derivedUid('segmentation of 1.2.4'));
  });

  it('is a valid DICOM UID under 2.25 holding a version 8 UUID', () => {
    const uid = derivedUid('report of 1.2.3');
    expect(uid).toMatch(/^2\.25\.[1-9][0-9]*$/);
    expect(uid.length).toBeLessThanOrEqual(64);
    const hex = BigInt(uid.slice('2.25.'.length)).toString(16).padStart(32, '0');
    expect(hex[12]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(hex[16]);
  });

  it('refuses an empty name', () => {
    expect(() => derivedUid('')).toThrow('derivedUid needs a non-empty name');
  });
});
