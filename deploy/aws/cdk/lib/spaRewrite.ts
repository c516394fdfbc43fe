/**
 * CloudFront Function (cloudfront-js-2.0, viewer request) giving the single-page viewer its routes: a path whose
 * last segment has no file extension (`/viewer`, `/callback`, `/healthimaging/`) is served `/index.html`; a path
 * with an extension (`/app.bundle.js`, `/missing.png`) goes to S3 unchanged, so a missing asset stays a 404 instead
 * of becoming an HTML page the browser would try to run as a script.
 */
export const spaRewriteFunctionCode = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
`;
