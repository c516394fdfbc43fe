import { inlineScriptHashes } from './inlineScriptHashes';

describe('inlineScriptHashes', () => {
  it("hashes the exact text of each inline script, as the CSP specification's example", () => {
    // The hash the CSP Level 3 specification gives for this script.
    expect(inlineScriptHashes("<script>alert('Hello, world.');</script>")).toEqual([
      "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
    ]);
  });

  it('skips scripts with src, keeps attribute-bearing inline ones, and lists each hash once', () => {
    const html =
      '<script src="/app.js"></script><script rel="preload" src="/x.js"></script>' +
      "<script type=\"text/javascript\">alert('Hello, world.');</script><script>alert('Hello, world.');</script>";
    expect(inlineScriptHashes(html)).toEqual(["'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"]);
  });

  it('finds none in a page without inline scripts', () => {
    expect(inlineScriptHashes('<html><script defer src="/a.js"></script></html>')).toEqual([]);
  });
});
