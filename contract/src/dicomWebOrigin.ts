/**
 * The origin of HealthImaging's DICOMweb API in a region: `https://dicom-medical-imaging.<region>.amazonaws.com`.
 * Not checked: the CDK app passes a CloudFormation token as the region.
 */
export function dicomWebOrigin(region: string): string {
  return `https://dicom-medical-imaging.${region}.amazonaws.com`;
}
