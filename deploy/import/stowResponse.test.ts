import { describeFailureReason, parseStowResponse } from './stowResponse';

test('stored and failed instances are read from a DICOM JSON STOW response', () => {
  const body = JSON.stringify({
    '00081190': { vr: 'UR', Value: ['https://example/studies/1'] },
    '00081199': {
      vr: 'SQ',
      Value: [
        { '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.4'] }, '00081155': { vr: 'UI', Value: ['1.2.3'] } },
      ],
    },
    '00081198': {
      vr: 'SQ',
      Value: [{ '00081155': { vr: 'UI', Value: ['1.2.4'] }, '00081197': { vr: 'US', Value: [0xa900] } }],
    },
  });
  expect(parseStowResponse(body)).toEqual({
    stored: [{ sopInstanceUid: '1.2.3', sopClassUid: '1.2.840.10008.5.1.4.1.1.4' }],
    failed: [
      { sopInstanceUid: '1.2.4', failureReason: 0xa900, description: '0xA900 data set does not match SOP class' },
    ],
  });
  expect(parseStowResponse(`[${body}]`).stored).toHaveLength(1);
});

test('an empty or non-JSON body gives empty lists; unknown reasons are still shown as codes', () => {
  expect(parseStowResponse('')).toEqual({ stored: [], failed: [] });
  expect(parseStowResponse('<html>Bad gateway</html>')).toEqual({ stored: [], failed: [] });
  expect(describeFailureReason(0x0107)).toBe('0x0107 refused');
  expect(describeFailureReason(undefined)).toBe('refused (no FailureReason given)');
});

test('a failure without a SOP Instance UID (an unreadable part) is kept, with its reason', () => {
  const body = JSON.stringify({ '00081198': { vr: 'SQ', Value: [{ '00081197': { vr: 'US', Value: [0xc000] } }] } });
  expect(parseStowResponse(body).failed).toEqual([{ failureReason: 0xc000, description: '0xC000 cannot understand' }]);
});

test('the reason text of a failure (Error Comment) is kept and shown after the code', () => {
  const body = JSON.stringify({
    '00081198': {
      vr: 'SQ',
      Value: [
        {
          '00081155': { vr: 'UI', Value: ['1.2.5'] },
          '00081197': { vr: 'US', Value: [0xc000] },
          '00000902': { vr: 'LO', Value: ['pixel data is truncated'] },
        },
      ],
    },
  });
  expect(parseStowResponse(body).failed).toEqual([
    {
      sopInstanceUid: '1.2.5',
      failureReason: 0xc000,
      comment: 'pixel data is truncated',
      description: '0xC000 cannot understand: pixel data is truncated',
    },
  ]);
});
