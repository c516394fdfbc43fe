import { isUnderPrefix, normalisePrefix } from './urlPrefix';

const root = 'https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore/0123456789abcdef0123456789abcdef';

describe('isUnderPrefix', () => {
  it.each([
    [root, true],
    [`${root}/studies`, true],
    [`${root}?imageSetId=1`, true],
    [`${root}#x`, true],
    [`${root}0/studies`, false],
    [`${root}-other/studies`, false],
    ['https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore', false],
  ])('%s → %s', (url, expected) => {
    expect(isUnderPrefix(url, root)).toBe(expected);
  });
});

describe('normalisePrefix', () => {
  it('normalises case and trailing slashes', () => {
    expect(
      normalisePrefix(
        'HTTPS://Dicom-Medical-Imaging.us-east-1.amazonaws.com/datastore/0123456789abcdef0123456789abcdef//',
      ),
    ).toBe(root);
  });

  it('refuses a relative prefix, saying what to give', () => {
    expect(() => normalisePrefix('/datastore/x')).toThrow('urlPrefixes must be absolute URLs such as https://');
  });
});
