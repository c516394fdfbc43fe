import { dicomWebOrigin } from './dicomWebOrigin';

describe('dicomWebOrigin', () => {
  it("is HealthImaging's regional DICOMweb host", () => {
    expect(dicomWebOrigin('eu-west-1')).toBe('https://dicom-medical-imaging.eu-west-1.amazonaws.com');
  });
});
