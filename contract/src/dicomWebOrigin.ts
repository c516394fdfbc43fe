/** The DICOMweb origin of HealthImaging in a region. */
export function dicomwebOrigin(region: string): string {
  return `https://dicom-medical-imaging.${region}.amazonaws.com`;
}
